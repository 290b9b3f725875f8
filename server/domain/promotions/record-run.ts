import { eq } from 'drizzle-orm';
import { isDuplicateKey, rowLocksOnly, type Db, type Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionPolicies, promotionRuns, type PromotionRunStatus } from '../../../db/schema/promotions.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueueCopies } from '../models/copy-jobs.ts';
import { enqueueRollout } from '../rollouts/record.ts';
import type { Evaluation, Policy } from './evaluate.ts';
import { switchTargetModel } from './promote.ts';
import { nextRunAfter } from './schedule.ts';

export type RecordedRun = { runId: number; status: PromotionRunStatus; reason: string; rolloutId: number | null } | { duplicate: true };

/**
 * Records a policy's run for one tick, and for a promotion its `promotion` rollout, in one
 * transaction. The run row is inserted first under its unique (policy, tick) key: a second
 * worker's run of the same tick waits on that key and then fails as a duplicate, so a tick run
 * twice (a retried job, two replicas) promotes once.
 */
export async function recordRun(
  db: Db,
  policy: Policy,
  tick: Date,
  trigger: 'schedule' | 'manual',
  evaluation: Evaluation,
  actor: Actor,
  requestId?: string,
): Promise<RecordedRun> {
  try {
    const run = await db.transaction((tx) => write(tx, evaluation.decision.status === 'promote' ? 'promote' : 'plain'), rowLocksOnly);
    // After commit; the rollouts table is the outbox, so a lost add is re-added by the dispatcher.
    await enqueueCopies(run.copies);
    if (run.rolloutId !== null) await enqueueRollout({ rolloutId: run.rolloutId, serviceId: policy.targetServiceId });
    return { runId: run.runId, status: run.status, reason: run.reason, rolloutId: run.rolloutId };
  } catch (error) {
    if (isDuplicateKey(error)) return { duplicate: true };
    // The switch itself was refused (the target is being deleted, the model is gone…): a failed run says why.
    if (!(error instanceof AppError)) throw error;
    evaluation = { ...evaluation, decision: { status: 'failed', reason: `the promotion could not start: ${error.message}` } };
    try {
      const run = await db.transaction((tx) => write(tx, 'plain'), rowLocksOnly);
      return { runId: run.runId, status: run.status, reason: run.reason, rolloutId: run.rolloutId };
    } catch (again) {
      if (isDuplicateKey(again)) return { duplicate: true };
      throw again;
    }
  }

  async function write(tx: Tx, mode: 'promote' | 'plain'): Promise<Extract<RecordedRun, { runId: number }> & { copies: { modelId: number; clusterId: number }[] }> {
    const { decision, candidate } = evaluation;
    // The policy row first: runs of one policy queue here, so the insert below never deadlocks
    // against another worker's foreign-key check and update of the policy.
    await tx.select({ id: promotionPolicies.id }).from(promotionPolicies).where(eq(promotionPolicies.id, policy.id)).for('update');
    const status: PromotionRunStatus = decision.status === 'promote' ? 'promoted' : decision.status;
    const [inserted] = await tx
      .insert(promotionRuns)
      .values({ policyId: policy.id, tickAt: tick, trigger, status, reason: decision.reason, modelId: candidate?.id ?? null })
      .$returningId();
    if (!inserted) throw new Error('insert returned no id');
    const [application] = await tx.select({ projectId: applications.projectId }).from(applications).where(eq(applications.id, policy.applicationId));
    if (!application) throw new Error(`policy ${policy.id} has no application`);
    let rolloutId: number | null = null;
    let copies: { modelId: number; clusterId: number }[] = [];
    if (mode === 'promote' && candidate) {
      const started = await switchTargetModel(tx, actor, {
        projectId: application.projectId,
        targetServiceId: policy.targetServiceId,
        modelId: candidate.id,
        policyName: policy.name,
        reason: `run #${inserted.id}: ${decision.reason}`,
        requestId,
      });
      rolloutId = started.rolloutId;
      copies = started.copies;
      await tx.update(promotionRuns).set({ rolloutId }).where(eq(promotionRuns.id, inserted.id));
    } else if (status === 'awaiting_approval') {
      await recordAudit(tx, {
        projectId: application.projectId,
        actor,
        action: 'promotion.awaitApproval',
        target: { type: 'promotion_policy', id: policy.id, label: policy.name },
        summary: `run #${inserted.id} of ${policy.name} waits for approval: ${decision.reason}`,
        requestId,
      });
    }
    await tx
      .update(promotionPolicies)
      .set({
        lastRunAt: tick,
        // A manual run leaves the schedule as it was.
        ...(trigger === 'schedule' ? { nextRunAt: policy.enabled ? nextRunAfter(policy.schedule, policy.timeZone, tick) : null } : {}),
      })
      .where(eq(promotionPolicies.id, policy.id));
    return { runId: inserted.id, status, reason: decision.reason, rolloutId, copies };
  }
}
