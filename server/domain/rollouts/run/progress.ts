import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client.ts';
import { rollouts, type RolloutProgressDetail } from '../../../../db/schema/rollouts.ts';
import { publishChange } from '../../../live/publish.ts';
import { logger } from '../../../log.ts';
import type { RolloutContext } from './load.ts';

const MIN_INTERVAL_MS = 200;

export type ProgressReporter = {
  /** Records what the rollout sees now; unchanged detail is not written again, bursts are coalesced. */
  report(detail: RolloutProgressDetail, percent: number): void;
  /** Writes whatever is pending, before the rollout's final status is recorded. */
  flush(): Promise<void>;
  /** Tells open pages that the rollout changed (status, error): read the row again. */
  announce(): Promise<void>;
};

export function progressReporter(db: Db, context: RolloutContext): ProgressReporter {
  const ids = {
    projectId: context.application.projectId,
    applicationId: context.application.id,
    serviceId: context.service.id,
    rolloutId: context.rollout.id,
  };
  let written = '';
  let pending: { detail: RolloutProgressDetail; percent: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    timer = undefined;
    const next = pending;
    pending = undefined;
    if (!next) return;
    const text = JSON.stringify(next);
    if (text === written) return;
    lastWrite = Date.now();
    try {
      await db.update(rollouts).set({ progress: next.percent, progressDetail: next.detail }).where(eq(rollouts.id, ids.rolloutId));
      written = text;
      await publishChange(ids);
    } catch (error) {
      // Progress is a view of the cluster; the next report writes it again. The outcome is written elsewhere.
      logger.warn('could not record rollout progress', { rolloutId: ids.rolloutId, error });
    }
  };
  const schedule = () => {
    if (timer) return;
    const wait = Math.max(0, MIN_INTERVAL_MS - (Date.now() - lastWrite));
    timer = setTimeout(() => {
      writing = writing.then(write);
    }, wait);
  };

  return {
    report(detail, percent) {
      pending = { detail, percent: Math.max(0, Math.min(100, Math.round(percent))) };
      schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      writing = writing.then(write);
      await writing;
    },
    announce: () => publishChange(ids),
  };
}
