// Moments by key (a rollout's task start, a job's end…), recorded by one side and awaited by another.

type Mark = { at?: number; waiters: ((at: number) => void)[] };

export class Timeline {
  private readonly marks = new Map<string, Mark>();

  private entry(key: string): Mark {
    let mark = this.marks.get(key);
    if (!mark) {
      mark = { waiters: [] };
      this.marks.set(key, mark);
    }
    return mark;
  }

  /** Records the first time `key` happened (later marks of the same key are retries and ignored). */
  mark(key: string, at = performance.now()): void {
    const mark = this.entry(key);
    if (mark.at !== undefined) return;
    mark.at = at;
    for (const wake of mark.waiters.splice(0)) wake(at);
  }

  get(key: string): number | undefined {
    return this.marks.get(key)?.at;
  }

  /** When `key` happened, waiting for it up to timeoutMs. */
  when(key: string, timeoutMs = 60_000): Promise<number> {
    const mark = this.entry(key);
    if (mark.at !== undefined) return Promise.resolve(mark.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${key} did not happen within ${timeoutMs} ms`)), timeoutMs);
      mark.waiters.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}
