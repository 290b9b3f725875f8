import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound } from '../../errors.ts';
import type { PolicyDto } from './inputs.ts';
import { describeSchedule } from './schedule.ts';
import { describeWindow } from './window.ts';

const source = alias(services, 'source');
const target = alias(services, 'target');

type Row = { policy: typeof promotionPolicies.$inferSelect; source: typeof services.$inferSelect; target: typeof services.$inferSelect };

function ref(s: typeof services.$inferSelect) {
  return { id: s.id, displayName: s.displayName, level: s.level, currentModelId: s.currentModelId, deleted: s.deletedAt !== null || s.status === 'deleted' };
}

function toDto(row: Row, lastRun: typeof promotionRuns.$inferSelect | undefined): PolicyDto {
  const p = row.policy;
  return {
    id: p.id,
    applicationId: p.applicationId,
    name: p.name,
    source: ref(row.source),
    target: ref(row.target),
    schedule: p.schedule,
    timeZone: p.timeZone,
    scheduleText: describeSchedule(p.schedule, p.timeZone),
    allowedWindow: p.allowedWindow ?? null,
    windowText: p.allowedWindow ? describeWindow(p.allowedWindow, p.timeZone) : null,
    minMinutesRunning: p.minMinutesRunning,
    requireHealthy: p.requireHealthy,
    requiredApprovals: p.requiredApprovals,
    enabled: p.enabled,
    nextRunAt: p.enabled ? (p.nextRunAt?.toISOString() ?? null) : null,
    lastRunAt: p.lastRunAt?.toISOString() ?? null,
    lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, reason: lastRun.reason, createdAt: lastRun.createdAt.toISOString() } : null,
    createdAt: p.createdAt.toISOString(),
  };
}

function selectPolicies(db: DbOrTx) {
  return db
    .select({ policy: promotionPolicies, source, target })
    .from(promotionPolicies)
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .innerJoin(source, eq(source.id, promotionPolicies.sourceServiceId))
    .innerJoin(target, eq(target.id, promotionPolicies.targetServiceId));
}

async function lastRuns(db: DbOrTx, policyIds: number[]) {
  if (policyIds.length === 0) return new Map<number, typeof promotionRuns.$inferSelect>();
  // Newest first: the first row seen per policy is its last run. Bounded per page of policies.
  const rows = await db.select().from(promotionRuns).where(inArray(promotionRuns.policyId, policyIds)).orderBy(desc(promotionRuns.id)).limit(policyIds.length * 50);
  const last = new Map<number, typeof promotionRuns.$inferSelect>();
  for (const row of rows) if (!last.has(row.policyId)) last.set(row.policyId, row);
  return last;
}

export async function listPolicies(db: DbOrTx, projectId: number, applicationId: number): Promise<PolicyDto[]> {
  const rows = await selectPolicies(db)
    .where(and(eq(promotionPolicies.applicationId, applicationId), eq(applications.projectId, projectId)))
    .orderBy(promotionPolicies.name);
  const last = await lastRuns(db, rows.map((r) => r.policy.id));
  return rows.map((row) => toDto(row, last.get(row.policy.id)));
}

export async function getPolicy(db: DbOrTx, projectId: number, policyId: number): Promise<PolicyDto> {
  const [row] = await selectPolicies(db).where(and(eq(promotionPolicies.id, policyId), eq(applications.projectId, projectId)));
  if (!row) throw notFound('That promotion policy');
  const last = await lastRuns(db, [policyId]);
  return toDto(row, last.get(policyId));
}
