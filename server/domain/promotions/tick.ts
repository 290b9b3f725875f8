import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionPolicies } from '../../../db/schema/promotions.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { logger } from '../../log.ts';
import { evaluatePolicy, type Policy } from './evaluate.ts';
import { policyIdInput } from './inputs.ts';
import { recordRun, type RecordedRun } from './record-run.ts';

// The scheduler's side: the worker's crontab ticks every minute and runs each policy whose next
// scheduled time has come. A run belongs to that scheduled time (the policy's next_run_at), not to
// the worker's clock, so a late or repeated tick finds the same key and records nothing twice.

export const schedulerActor = (policy: Pick<Policy, 'name'>): Actor => ({ type: 'scheduler', label: `scheduler (promotion policy ${policy.name})` });

export type TickResult = { policyId: number; run: RecordedRun | { error: string } };

export async function promotionTick(db: Db, now: Date, options: { signal?: AbortSignal } = {}): Promise<TickResult[]> {
  const due = await db
    .select()
    .from(promotionPolicies)
    .where(and(eq(promotionPolicies.enabled, true), lte(promotionPolicies.nextRunAt, now)))
    .orderBy(asc(promotionPolicies.nextRunAt));
  const results: TickResult[] = [];
  for (const policy of due) {
    options.signal?.throwIfAborted();
    const scheduledAt = policy.nextRunAt;
    if (!scheduledAt) continue;
    try {
      const evaluation = await evaluatePolicy(db, policy, now);
      results.push({ policyId: policy.id, run: await recordRun(db, policy, scheduledAt, 'schedule', evaluation, schedulerActor(policy)) });
    } catch (error) {
      // One broken policy must not hold up the others; the next tick tries it again.
      logger.error('promotion policy run failed', { policyId: policy.id, error });
      results.push({ policyId: policy.id, run: { error: error instanceof Error ? error.message : String(error) } });
    }
  }
  return results;
}

/**
 * `promotion.runNow`: one run at once, outside the schedule, with every gate and the window as a
 * scheduled run has them. Its key is this moment, so it never collides with a scheduled run.
 */
export async function runPolicyNow(db: Db, actor: Actor, projectId: number, raw: { policyId: number }, requestId?: string) {
  const input = parseInput(policyIdInput, raw);
  const [row] = await db
    .select({ policy: promotionPolicies })
    .from(promotionPolicies)
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(and(eq(promotionPolicies.id, input.policyId), eq(applications.projectId, projectId)));
  if (!row) throw notFound('That promotion policy');
  const now = new Date();
  const run = await recordRun(db, row.policy, now, 'manual', await evaluatePolicy(db, row.policy, now), actor, requestId);
  if ('duplicate' in run) throw new AppError('CONFLICT', 'Another run of this policy started at the same moment; look at its runs.');
  return run;
}
