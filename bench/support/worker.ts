import { setTimeout as sleep } from 'node:timers/promises';
import { run, type Runner, type Task } from 'graphile-worker';
import { z } from 'zod';
import { db, type Db } from '../../db/client.ts';
import { dispatchOutbox } from '../../server/jobs/outbox.ts';
import { env } from '../../server/env.ts';
import { runnerOptions } from '../../workers/run-options.ts';
import { taskList } from '../../workers/task-list.ts';
import { Timeline } from './timeline.ts';

// The worker as workers/main.ts runs it (same graphile-worker options, same tasks), in the bench's
// process so that a task's start and end are read off the same clock as the mutation's commit.
// Keys in the timeline: `start:rollout:<id>`, `end:rollout:<id>`, `start:job:<key>`, `end:job:<key>`.

const rolloutPayload = z.object({ rolloutId: z.number() });
const benchPayload = z.object({ key: z.string(), holdMs: z.number().default(0) });

export type BenchWorker = { runner: Runner; timeline: Timeline; stop: () => Promise<void> };

export async function startBenchWorker(): Promise<BenchWorker> {
  const timeline = new Timeline();
  const rollout = taskList.rollout as Task;
  const timedRollout: Task = async (payload, helpers) => {
    const { rolloutId } = rolloutPayload.parse(payload);
    timeline.mark(`start:rollout:${rolloutId}`);
    try {
      await rollout(payload, helpers);
    } finally {
      timeline.mark(`end:rollout:${rolloutId}`);
    }
  };
  // The baseline: a bare job of the same runner, doing nothing but (optionally) holding its queue.
  const benchJob: Task = async (payload) => {
    const { key, holdMs } = benchPayload.parse(payload);
    timeline.mark(`start:job:${key}`);
    if (holdMs > 0) await sleep(holdMs);
    timeline.mark(`end:job:${key}`);
  };
  const runner = await run({ ...runnerOptions(env()), taskList: { ...taskList, rollout: timedRollout, 'bench-job': benchJob } });
  await dispatchOutbox(db());
  return { runner, timeline, stop: () => runner.stop() };
}

/**
 * A handle on the database that notes when its transaction committed: domain functions run their
 * mutation in one `db.transaction(…)`, so its promise settling is the commit (enqueueing comes after).
 */
export function commitTimed(real: Db): { db: Db; committedAt: () => number } {
  let at = NaN;
  const wrapped = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return async (...args: Parameters<Db['transaction']>) => {
          const result: unknown = await target.transaction(...args);
          at = performance.now();
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: wrapped, committedAt: () => at };
}
