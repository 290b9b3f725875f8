import type { KubeObject, WatchCallback } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { errorFromNetwork, errorFromStatus, KubeError, type KubeStatus } from './errors.ts';
import { listAll, type ListQuery } from './list.ts';
import { backoffMs, sleep } from './retry.ts';

// List, then watch from the list's resourceVersion (STYLE.md "Watch with resume"). A stream that
// ends or drops resumes from the last version seen; 410 Gone (that version is too old) lists
// again. Retryable failures wait with backoff and try again until the caller's signal aborts;
// there is no polling: between failures the only thing waited on is the server.

export type WatchOptions = ListQuery & {
  signal?: AbortSignal;
  /** Told about each retryable failure (the caller can show "cluster unreachable, retrying"). */
  onRetry?: (error: KubeError, attempt: number) => void;
};

type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; object: KubeObject | KubeStatus };

// Servers end a watch after timeoutSeconds; spread them so many watches do not reconnect at once.
const timeoutSeconds = () => 240 + Math.floor(Math.random() * 60);
// No byte (not even a bookmark) for this long past the server's own timeout: the stream is dead.
const IDLE_GRACE_MS = 30_000;

async function* lines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) yield line;
    }
  }
  if (buffer.trim()) yield buffer.trim();
}

function parseEvent(line: string): WatchEvent | undefined {
  try {
    const ev = JSON.parse(line) as WatchEvent;
    return typeof ev.type === 'string' && typeof ev.object === 'object' && ev.object !== null ? ev : undefined;
  } catch {
    // A line cut by a dropped connection: the resume replays it.
    return undefined;
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The caller's callback threw: that ends the watch with its error, it is not a stream failure to retry. */
class CallbackFailure extends Error {
  readonly error: unknown;
  constructor(error: unknown) {
    super('the watch callback failed', { cause: error });
    this.error = error;
  }
}

/** Calls onChange with every item of the selection (sorted by name) after each change. */
export async function watchCollection<T extends KubeObject>(conn: KubeConnection, path: string, opts: WatchOptions, onChange: WatchCallback<T[]>): Promise<void> {
  const { signal } = opts;
  const query: ListQuery = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
  const items = new Map<string, T>();
  const emit = async (): Promise<boolean> => {
    try {
      return (await onChange([...items.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b))))) === true;
    } catch (e) {
      throw new CallbackFailure(e);
    }
  };
  let resourceVersion: string | undefined;
  let failures = 0;

  for (;;) {
    signal?.throwIfAborted();
    const idle = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      if (resourceVersion === undefined) {
        const list = await listAll<T>(conn, path, query, signal);
        items.clear();
        for (const item of list.items) items.set(keyOf(item), item);
        resourceVersion = list.resourceVersion;
        failures = 0;
        if (await emit()) return;
      }
      const serverTimeout = timeoutSeconds();
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(new KubeError('timeout', `the watch of ${path} went silent`)), serverTimeout * 1000 + IDLE_GRACE_MS);
      };
      arm();
      const res = await conn.stream({
        path,
        query: { ...query, watch: true, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: serverTimeout },
        signal: signal ? AbortSignal.any([signal, idle.signal]) : idle.signal,
        timeoutMs: 0,
      });
      if (!res.body) throw new KubeError('server', `the watch of ${path} answered without a body`);
      let received = false;
      for await (const line of lines(res.body)) {
        arm();
        received = true;
        const ev = parseEvent(line);
        if (!ev) continue;
        if (ev.type === 'ERROR') {
          const status = ev.object as KubeStatus;
          throw errorFromStatus(status.code ?? 500, status, `watch ${path}`);
        }
        const obj = ev.object as T;
        if (obj.metadata?.resourceVersion) resourceVersion = obj.metadata.resourceVersion;
        if (ev.type === 'BOOKMARK') continue;
        if (ev.type === 'DELETED') items.delete(keyOf(obj));
        else items.set(keyOf(obj), obj);
        failures = 0;
        if (await emit()) return;
      }
      // The server closed the stream (its timeout, or a drop): resume from resourceVersion. One
      // that closes before saying anything is treated as a failure, so it cannot spin.
      if (!received) throw new KubeError('unreachable', `the watch of ${path} closed at once`);
    } catch (e) {
      if (e instanceof CallbackFailure) throw e.error;
      if (signal?.aborted) throw signal.reason;
      const err = idle.signal.aborted ? (idle.signal.reason as KubeError) : e instanceof KubeError ? e : errorFromNetwork(e, conn.server);
      if (err.status === 410) {
        // Too old to resume: list again (at once; this is the protocol, not a failure).
        resourceVersion = undefined;
        continue;
      }
      if (!err.retryable) throw err;
      failures++;
      opts.onRetry?.(err, failures);
      await sleep(backoffMs(Math.min(failures, 6), err), signal);
    } finally {
      clearTimeout(timer);
      idle.abort();
    }
  }
}
