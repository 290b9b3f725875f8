import { setTimeout as sleep } from 'node:timers/promises';

export class DeadlineExceeded extends Error {
  readonly lastError: unknown;
  constructor(message: string, lastError: unknown) {
    super(message);
    this.name = 'DeadlineExceeded';
    this.lastError = lastError;
  }
}

/**
 * Runs `attempt` until it succeeds, a non-retryable error is thrown, or the deadline passes.
 * Retryable errors (409, 429, 5xx, timeouts, resets: the gateway marks them) wait with capped
 * exponential backoff and full jitter, so many rollouts retrying against one struggling API
 * server do not retry in step.
 */
export async function untilDeadline<T>(
  attempt: () => Promise<T>,
  options: { deadline: Date; signal?: AbortSignal; retryable: (error: unknown) => boolean; onRetry?: (error: unknown, waitMs: number) => void },
): Promise<T> {
  let failures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      if (!options.retryable(error)) throw error;
      failures += 1;
      const cap = Math.min(10_000, 250 * 2 ** Math.min(failures, 8));
      const wait = Math.round(Math.random() * cap);
      const left = options.deadline.getTime() - Date.now();
      if (left <= 0) throw new DeadlineExceeded('the rollout deadline passed while retrying', error);
      options.onRetry?.(error, Math.min(wait, left));
      await sleep(Math.min(wait, left), undefined, { signal: options.signal });
    }
  }
}
