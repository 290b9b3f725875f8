import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { models } from '../../../db/schema/models.ts';
import { promotionApprovals, promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import { users } from '../../../db/schema/users.ts';
import { notFound, parseInput } from '../../errors.ts';
import { runsInput, type RunDto } from './inputs.ts';

/** A policy's runs, newest first, each with its model, reason, rollout and who approved or rejected it. */
export async function listRuns(db: DbOrTx, projectId: number, raw: { policyId: number; limit?: number }): Promise<RunDto[]> {
  const input = parseInput(runsInput, raw);
  const [policy] = await db
    .select({ id: promotionPolicies.id, requiredApprovals: promotionPolicies.requiredApprovals })
    .from(promotionPolicies)
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(and(eq(promotionPolicies.id, input.policyId), eq(applications.projectId, projectId)));
  if (!policy) throw notFound('That promotion policy');
  const rows = await db
    .select({ run: promotionRuns, model: models, decider: users.email })
    .from(promotionRuns)
    .leftJoin(models, eq(models.id, promotionRuns.modelId))
    .leftJoin(users, eq(users.id, promotionRuns.decidedBy))
    .where(eq(promotionRuns.policyId, policy.id))
    .orderBy(desc(promotionRuns.id))
    .limit(input.limit);
  const decisions = rows.length
    ? await db
        .select({ runId: promotionApprovals.runId, userId: promotionApprovals.userId, email: users.email, decision: promotionApprovals.decision, comment: promotionApprovals.comment, at: promotionApprovals.createdAt })
        .from(promotionApprovals)
        .innerJoin(users, eq(users.id, promotionApprovals.userId))
        .where(inArray(promotionApprovals.runId, rows.map((r) => r.run.id)))
        .orderBy(promotionApprovals.id)
    : [];
  return rows.map(({ run, model, decider }) => ({
    id: run.id,
    policyId: run.policyId,
    tickAt: run.tickAt.toISOString(),
    trigger: run.trigger,
    status: run.status,
    reason: run.reason,
    model: model ? { id: model.id, name: model.name, version: model.version } : null,
    rolloutId: run.rolloutId,
    approvals: decisions.filter((d) => d.runId === run.id).map((d) => ({ userId: d.userId, email: d.email, decision: d.decision, comment: d.comment, at: d.at.toISOString() })),
    requiredApprovals: policy.requiredApprovals,
    decidedBy: decider ?? null,
    decidedAt: run.decidedAt?.toISOString() ?? null,
    createdAt: run.createdAt.toISOString(),
  }));
}
