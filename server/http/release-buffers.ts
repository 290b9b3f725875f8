import { Transform } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A large upload is a stream of binary chunks that allocate almost nothing on the JS heap, so V8
// rarely collects, and the chunks' dead buffers (the socket's, and undici's copy of each) pile up
// until about 64 MiB of them trigger a collection. A young-generation collection every few MiB
// of body frees them early (about a millisecond each), keeping an upload's memory small whatever
// the file's size. Measured by the 1 GiB upload test in model-upload.integration.test.ts.

type Gc = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;

function collector(): Gc | null {
  if (gc !== undefined) return gc;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  } catch {
    gc = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return gc;
}

/** A pass-through that asks for a young-generation collection every `everyBytes`. */
export function releaseBuffers(everyBytes = 8 * 1024 * 1024): Transform {
  const collect = collector();
  let since = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      since += chunk.length;
      if (collect && since >= everyBytes) {
        since = 0;
        collect({ type: 'minor' });
      }
      callback(null, chunk);
    },
  });
}
