import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client.ts';
import { rollouts } from '../../../../db/schema/rollouts.ts';
import { services } from '../../../../db/schema/services.ts';
import type { RolloutContext } from './load.ts';

/** Beyond Kubernetes' own progress deadline, how long a rollout may take before Drucker gives up on it. */
export type DeadlinePolicy = { graceSeconds: number };

export type Claim = { run: true; deadline: Date } | { run: false; why: string };

/**
 * Moves a queued rollout to running (one atomic UPDATE, so a rollout cancelled or superseded at
 * the same moment is never started), or resumes one a dead or stopped worker left running. The
 * deadline is written once, when it first starts, so a retried job keeps the same one.
 */
export async function claimRollout(db: Db, context: RolloutContext, policy: DeadlinePolicy): Promise<Claim> {
  const { rollout } = context;
  if (rollout.status !== 'queued' && rollout.status !== 'running') return { run: false, why: `it is ${rollout.status}` };
  if (rollout.status === 'queued') {
    const budget = rollout.spec.progressDeadlineSeconds + policy.graceSeconds;
    const claimed = await db
      .update(rollouts)
      .set({
        status: 'running',
        startedAt: sql`CURRENT_TIMESTAMP(3)`,
        deadlineAt: sql`CURRENT_TIMESTAMP(3) + INTERVAL ${budget} SECOND`,
      })
      .where(and(eq(rollouts.id, rollout.id), eq(rollouts.status, 'queued')));
    if (claimed[0].affectedRows === 0) return { run: false, why: 'it was cancelled or superseded before it started' };
    // A traffic rollout does not redeploy the service it is filed under.
    if (!rollout.routing) await db
      .update(services)
      .set({ status: rollout.kind === 'delete' ? 'deleting' : 'deploying' })
      .where(eq(services.id, rollout.serviceId));
  }
  const [row] = await db.select({ deadlineAt: rollouts.deadlineAt }).from(rollouts).where(eq(rollouts.id, rollout.id));
  if (!row?.deadlineAt) throw new Error(`rollout ${rollout.id} is running without a deadline`);
  return { run: true, deadline: row.deadlineAt };
}
