import { readFile, rename, writeFile, mkdir, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { RESOURCES } from './resources.ts';
import type { KObject, Store, StoreSnapshot } from './store.ts';

// A state file keeps the cluster's objects across restarts (the demo's cluster should not forget
// its deployments when `npm run demo` is restarted). It is a JSON snapshot of the store, written
// whole to a temporary file and renamed over the old one, so a crash mid-write leaves the previous
// snapshot intact. Logs, faults and the controllers' in-memory timers are not kept: pods that had
// not started yet are started again by the kubelet, everything else resumes from its status.

const FORMAT = 1;

type StateFileContents = { format: number; savedAt: string; resourceVersion: string; objects: Record<string, KObject[]> };

/** Loads the snapshot at `path` into the store; false when there is no file yet. */
export async function loadStateFile(store: Store, path: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  let parsed: StateFileContents;
  try {
    parsed = JSON.parse(text) as StateFileContents;
  } catch (err) {
    throw new Error(`kube-sim: state file ${path} is not valid JSON (${(err as Error).message}); move it away to start empty`, { cause: err });
  }
  if (parsed.format !== FORMAT || typeof parsed.objects !== 'object' || parsed.objects === null) {
    throw new Error(`kube-sim: state file ${path} has an unknown format (expected format ${FORMAT}); move it away to start empty`);
  }
  // Resources this version does not serve (a file from a newer kube-sim) are dropped, not fatal.
  const served = new Set(RESOURCES.filter((t) => !t.virtual).map((t) => t.key));
  const objects: StoreSnapshot['objects'] = {};
  for (const [resource, list] of Object.entries(parsed.objects)) if (served.has(resource) && Array.isArray(list)) objects[resource] = list;
  store.restore({ resourceVersion: String(parsed.resourceVersion), objects });
  return true;
}

/**
 * Saves the store to `path` a short while after each burst of changes (one write per burst, not
 * per change) and on flush(). Writes never overlap: a change during a write schedules another.
 */
export class StateFileSaver {
  readonly #store: Store;
  readonly #path: string;
  readonly #debounceMs: number;
  readonly #unsubscribe: () => void;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();
  #seq = 0;

  constructor(store: Store, path: string, opts?: { debounceMs?: number }) {
    this.#store = store;
    this.#path = path;
    this.#debounceMs = opts?.debounceMs ?? 250;
    this.#unsubscribe = store.subscribe(() => this.#changed());
  }

  /** Writes now if anything changed since the last write, and waits for it. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dirty) this.#writing = this.#writing.then(() => this.#write());
    await this.#writing;
  }

  /** Stops listening and writes what is pending. */
  async close(): Promise<void> {
    this.#unsubscribe();
    await this.flush();
  }

  /** Writes the current state even if nothing changed (the file then exists from the start). */
  async saveNow(): Promise<void> {
    this.#dirty = true;
    await this.flush();
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
    }, this.#debounceMs);
    // Never keeps a process alive on its own; close() and the CLI's signal handlers flush.
    this.#timer.unref();
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const snap = this.#store.snapshot();
    const contents: StateFileContents = { format: FORMAT, savedAt: new Date().toISOString(), ...snap };
    const tmp = join(dirname(this.#path), `.${basename(this.#path)}.${process.pid}.${this.#seq++}.tmp`);
    try {
      await mkdir(dirname(this.#path), { recursive: true });
      await writeFile(tmp, JSON.stringify(contents), { mode: 0o600 });
      await rename(tmp, this.#path);
    } catch (err) {
      // Keep serving; the next change tries again.
      this.#dirty = true;
      await unlink(tmp).catch(() => undefined);
      console.error(`kube-sim: could not save state to ${this.#path}:`, err);
    }
  }
}
