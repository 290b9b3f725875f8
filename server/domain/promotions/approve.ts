import { and, eq } from 'drizzle-orm';
import { isDuplicateKey, rowLocksOnly, type Db, type Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionApprovals, promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import { projectMembers } from '../../../db/schema/projects.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueueCopies } from '../models/copy-jobs.ts';
import { enqueueRollout } from '../rollouts/record.ts';
import { tallyApprovals } from './gates.ts';
import { runIdInput } from './inputs.ts';
import { isPinned } from './pins.ts';
import { switchTargetModel } from './promote.ts';

// Approvals are personal (separation of duties): only people with the approver flag of the
// project decide, tokens never; one person counts once however often they approve. The approval
// that completes the count starts the promotion in the same transaction.

type Decided = { runId: number; status: 'awaiting_approval' | 'promoted' | 'rejected' | 'failed' | 'skipped'; approvals: number; requiredApprovals: number; rolloutId: number | null };

async function requireApprover(db: Db, actor: Actor, projectId: number): Promise<{ userId: number; label: string }> {
  if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'Approving a promotion is personal: sign in as a person with the approver right; API tokens cannot approve.');
  const [member] = await db
    .select({ approver: projectMembers.approver })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, actor.userId)));
  if (!member?.approver) throw new AppError('FORBIDDEN', 'Deciding promotions needs the approver right in this project; a project admin can give it under Settings.');
  return { userId: actor.userId, label: actor.label };
}

async function lockRun(tx: Tx, projectId: number, runId: number) {
  const [row] = await tx
    .select({ run: promotionRuns, policy: promotionPolicies })
    .from(promotionRuns)
    .innerJoin(promotionPolicies, eq(promotionPolicies.id, promotionRuns.policyId))
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(and(eq(promotionRuns.id, runId), eq(applications.projectId, projectId)))
    .for('update');
  if (!row) throw notFound('That promotion run');
  if (row.run.status !== 'awaiting_approval') throw new AppError('PRECONDITION_FAILED', `Run #${runId} is not waiting for approval (it is ${row.run.status.replace('_', ' ')}).`);
  return row;
}

/** Why the approved model can no longer go to the target, or null. */
async function stale(tx: Tx, policy: typeof promotionPolicies.$inferSelect, modelId: number): Promise<string | null> {
  const [source] = await tx.select().from(services).where(eq(services.id, policy.sourceServiceId));
  const [target] = await tx.select().from(services).where(eq(services.id, policy.targetServiceId));
  if (!target || target.deletedAt) return 'the target service was deleted';
  if (target.currentModelId === modelId) return 'the target already runs that model';
  if (!source || source.currentModelId !== modelId) return 'the source has moved on to another model since this run; the next run asks about that one';
  if (await isPinned(tx, target.id, modelId)) return 'the model was pinned on the target (rolled back there) meanwhile';
  return null;
}

export async function decideRun(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: { runId: number; comment?: string },
  decision: 'approve' | 'reject',
  requestId?: string,
): Promise<Decided> {
  const input = parseInput(runIdInput, raw);
  const approver = await requireApprover(db, actor, projectId);
  const result = await db.transaction(async (tx) => {
    const { run, policy } = await lockRun(tx, projectId, input.runId);
    try {
      await tx.insert(promotionApprovals).values({ runId: run.id, userId: approver.userId, decision, comment: input.comment ?? null });
    } catch (error) {
      // This person decided already: they count once, and their first word stands.
      if (!isDuplicateKey(error)) throw error;
    }
    const tally = tallyApprovals(await tx.select({ userId: promotionApprovals.userId, decision: promotionApprovals.decision }).from(promotionApprovals).where(eq(promotionApprovals.runId, run.id)));
    const base = { runId: run.id, approvals: tally.approvers, requiredApprovals: policy.requiredApprovals };
    const audit = (summary: string, extra: Record<string, unknown> = {}) =>
      recordAudit(tx, {
        projectId,
        actor,
        action: decision === 'approve' ? 'promotion.approve' : 'promotion.reject',
        target: { type: 'promotion_run', id: run.id, label: `${policy.name} run #${run.id}` },
        summary,
        after: { approvals: tally.approvers, required: policy.requiredApprovals, ...extra },
        requestId,
      });
    const decided = { decidedBy: approver.userId, decidedAt: new Date() };
    if (tally.rejectedBy !== null) {
      await tx.update(promotionRuns).set({ status: 'rejected', reason: `rejected by ${approver.label}${input.comment ? `: ${input.comment}` : ''}`, ...decided }).where(eq(promotionRuns.id, run.id));
      await audit(`rejected run #${run.id} of ${policy.name}${input.comment ? `: ${input.comment}` : ''}`);
      return { ...base, status: 'rejected' as const, rolloutId: null };
    }
    if (tally.approvers < policy.requiredApprovals || run.modelId === null) {
      await audit(`approved run #${run.id} of ${policy.name} (${tally.approvers} of ${policy.requiredApprovals})`);
      return { ...base, status: 'awaiting_approval' as const, rolloutId: null };
    }
    const problem = await stale(tx, policy, run.modelId);
    if (problem) {
      await tx.update(promotionRuns).set({ status: 'failed', reason: `approved, but not promoted: ${problem}`, ...decided }).where(eq(promotionRuns.id, run.id));
      await audit(`approved run #${run.id} of ${policy.name}; it was not promoted: ${problem}`);
      return { ...base, status: 'failed' as const, rolloutId: null };
    }
    const started = await switchTargetModel(tx, actor, {
      projectId,
      targetServiceId: policy.targetServiceId,
      modelId: run.modelId,
      policyName: policy.name,
      reason: `run #${run.id}, approved by ${tally.approvers} approver${tally.approvers === 1 ? '' : 's'}`,
      requestId,
    });
    await tx
      .update(promotionRuns)
      .set({ status: 'promoted', rolloutId: started.rolloutId, reason: `${(run.reason ?? '').replace(/; waiting for .*$/, '')}; approved (${tally.approvers} of ${policy.requiredApprovals})`, ...decided })
      .where(eq(promotionRuns.id, run.id));
    await audit(`approved run #${run.id} of ${policy.name}: ${tally.approvers} of ${policy.requiredApprovals}, promoting`, { rolloutId: started.rolloutId });
    return { ...base, status: 'promoted' as const, rolloutId: started.rolloutId, serviceId: started.serviceId, copies: started.copies };
  }, rowLocksOnly);
  if ('copies' in result) await enqueueCopies(result.copies);
  if (result.rolloutId !== null && 'serviceId' in result) await enqueueRollout({ rolloutId: result.rolloutId, serviceId: result.serviceId });
  return { runId: result.runId, status: result.status, approvals: result.approvals, requiredApprovals: result.requiredApprovals, rolloutId: result.rolloutId };
}
