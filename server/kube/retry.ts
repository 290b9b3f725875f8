import { KubeError } from './errors.ts';

// Retryable failures (409/429/5xx, timeouts, dropped connections) get a few more tries with
// exponential backoff and full jitter, honouring Retry-After. Only idempotent requests come here:
// server-side apply of a whole object, delete, and reads.

const ATTEMPTS = 5;
const BASE_MS = 100;
const CAP_MS = 3_000;

export function backoffMs(attempt: number, err?: KubeError): number {
  if (err?.retryAfterSeconds !== undefined) return Math.min(err.retryAfterSeconds * 1000, 10_000);
  return Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt);
}

/** Waits, unless the signal aborts first (then throws its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function withRetry<T>(op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (signal?.aborted || !(e instanceof KubeError) || !e.retryable || attempt + 1 >= ATTEMPTS) throw e;
      await sleep(backoffMs(attempt, e), signal);
    }
  }
}
