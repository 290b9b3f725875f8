import { DeadlineExceeded } from './retry.ts';

/**
 * A signal that aborts when the rollout's own deadline passes (or the worker stops), so every wait
 * of the rollout — retries, watches — ends on time. `passed()` tells the two reasons apart.
 */
export function deadlineSignal(deadline: Date, workerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceeded(`the rollout did not finish by its deadline (${deadline.toISOString()})`, undefined)),
    Math.max(0, deadline.getTime() - Date.now()),
  );
  const signal = workerSignal ? AbortSignal.any([workerSignal, controller.signal]) : controller.signal;
  return {
    signal,
    passed: () => controller.signal.aborted,
    dispose: () => clearTimeout(timer),
  };
}
