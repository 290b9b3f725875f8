import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionPolicies } from '../../../db/schema/promotions.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { createPolicyInput, pauseInput, policyIdInput, updatePolicyInput, type CreatePolicyInput, type UpdatePolicyInput } from './inputs.ts';
import { nextRunAfter, scheduleProblem } from './schedule.ts';

// Policies are an admin's (DESIGN.md "Auth and roles"); every change is audited.

async function liveService(tx: Tx, applicationId: number, serviceId: number, what: string) {
  const [row] = await tx
    .select()
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.applicationId, applicationId), isNull(services.deletedAt)));
  if (!row || row.status === 'deleted' || row.status === 'deleting') throw new AppError('BAD_REQUEST', `The ${what} must be a live service of this application; service ${serviceId} is not.`);
  return row;
}

async function lockPolicy(tx: Tx, projectId: number, policyId: number) {
  const [row] = await tx
    .select({ policy: promotionPolicies })
    .from(promotionPolicies)
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(and(eq(promotionPolicies.id, policyId), eq(applications.projectId, projectId)))
    .for('update');
  if (!row) throw notFound('That promotion policy');
  return row.policy;
}

const nextRun = (schedule: string, timeZone: string, enabled: boolean) => (enabled ? nextRunAfter(schedule, timeZone, new Date()) : null);

export async function createPolicy(db: Db, actor: Actor, projectId: number, raw: CreatePolicyInput, requestId?: string): Promise<{ policyId: number }> {
  const input = parseInput(createPolicyInput, raw);
  return db.transaction(async (tx) => {
    const [application] = await tx.select().from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.projectId, projectId)));
    if (!application) throw notFound('That application');
    const source = await liveService(tx, application.id, input.sourceServiceId, 'source');
    const target = await liveService(tx, application.id, input.targetServiceId, 'target');
    const [inserted] = await tx
      .insert(promotionPolicies)
      .values({
        applicationId: application.id,
        name: input.name,
        sourceServiceId: source.id,
        targetServiceId: target.id,
        schedule: input.schedule,
        timeZone: input.timeZone,
        allowedWindow: input.allowedWindow ?? null,
        minMinutesRunning: input.minMinutesRunning,
        requireHealthy: input.requireHealthy,
        requiredApprovals: input.requiredApprovals,
        enabled: input.enabled,
        createdBy: actor.type === 'user' || actor.type === 'token' ? actor.userId : null,
        nextRunAt: nextRun(input.schedule, input.timeZone, input.enabled),
      })
      .$returningId();
    if (!inserted) throw new Error('insert returned no id');
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'promotion.createPolicy',
      target: { type: 'promotion_policy', id: inserted.id, label: input.name },
      summary: `created promotion policy ${input.name}: ${source.displayName} → ${target.displayName} (${input.schedule} ${input.timeZone})`,
      after: { ...input },
      requestId,
    });
    return { policyId: inserted.id };
  });
}

export async function updatePolicy(db: Db, actor: Actor, projectId: number, raw: UpdatePolicyInput, requestId?: string): Promise<void> {
  const input = parseInput(updatePolicyInput, raw);
  await db.transaction(async (tx) => {
    const policy = await lockPolicy(tx, projectId, input.policyId);
    const schedule = input.schedule ?? policy.schedule;
    const timeZone = input.timeZone ?? policy.timeZone;
    const problem = scheduleProblem(schedule, timeZone);
    if (problem) throw new AppError('BAD_REQUEST', `Invalid input: ${problem.includes('time zone') ? 'timeZone' : 'schedule'}: ${problem}`);
    const next = {
      name: input.name ?? policy.name,
      schedule,
      timeZone,
      allowedWindow: input.allowedWindow === undefined ? policy.allowedWindow : input.allowedWindow,
      minMinutesRunning: input.minMinutesRunning ?? policy.minMinutesRunning,
      requireHealthy: input.requireHealthy ?? policy.requireHealthy,
      requiredApprovals: input.requiredApprovals ?? policy.requiredApprovals,
      enabled: input.enabled ?? policy.enabled,
    };
    await tx
      .update(promotionPolicies)
      .set({ ...next, nextRunAt: nextRun(schedule, timeZone, next.enabled) })
      .where(eq(promotionPolicies.id, policy.id));
    const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(policy[k as keyof typeof policy]));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'promotion.updatePolicy',
      target: { type: 'promotion_policy', id: policy.id, label: next.name },
      summary: `updated promotion policy ${next.name}${changed.length ? `: ${changed.join(', ')}` : ' (no changes)'}`,
      before: Object.fromEntries(changed.map((k) => [k, policy[k as keyof typeof policy]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k as keyof typeof next]])),
      requestId,
    });
  });
}

/** Pausing stops the ticks (no runs are recorded); resuming computes the next run from now. */
export async function pausePolicy(db: Db, actor: Actor, projectId: number, raw: { policyId: number; paused?: boolean }, requestId?: string): Promise<void> {
  const input = parseInput(pauseInput, raw);
  await db.transaction(async (tx) => {
    const policy = await lockPolicy(tx, projectId, input.policyId);
    const enabled = !input.paused;
    await tx
      .update(promotionPolicies)
      .set({ enabled, nextRunAt: nextRun(policy.schedule, policy.timeZone, enabled) })
      .where(eq(promotionPolicies.id, policy.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: input.paused ? 'promotion.pausePolicy' : 'promotion.resumePolicy',
      target: { type: 'promotion_policy', id: policy.id, label: policy.name },
      summary: `${input.paused ? 'paused' : 'resumed'} promotion policy ${policy.name}`,
      requestId,
    });
  });
}

export async function deletePolicy(db: Db, actor: Actor, projectId: number, raw: { policyId: number }, requestId?: string): Promise<void> {
  const input = parseInput(policyIdInput, raw);
  await db.transaction(async (tx) => {
    const policy = await lockPolicy(tx, projectId, input.policyId);
    await tx.delete(promotionPolicies).where(eq(promotionPolicies.id, policy.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'promotion.deletePolicy',
      target: { type: 'promotion_policy', id: policy.id, label: policy.name },
      summary: `deleted promotion policy ${policy.name} (its run history went with it; this event keeps its settings)`,
      before: { ...policy },
      requestId,
    });
  });
}
