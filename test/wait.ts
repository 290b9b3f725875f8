import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Checks `probe` until it returns something other than undefined/false, or fails with `what` and
 * the last value seen. For state another process changes (a worker, kube-sim's controllers).
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await sleep(100);
  }
}
