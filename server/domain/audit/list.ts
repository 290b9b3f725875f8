import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';

export const auditListInput = z.object({
  projectId: z.number().int().positive(),
  actor: z.string().trim().max(320).optional().describe('part of an email or token name'),
  action: z.string().trim().max(64).optional().describe('exact action, or a prefix ending in . like "token."'),
  target: z.string().trim().max(255).optional().describe('part of the target name or its id'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  // Keyset paging: pass the previous page's nextCursor; stable while new events arrive.
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditEventOutput = z.object({
  id: z.number(),
  actorType: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  summary: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});

export const auditListOutput = z.object({ events: z.array(auditEventOutput), nextCursor: z.number().nullable() });

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAuditEvents(db: DbOrTx, input: z.infer<typeof auditListInput>): Promise<z.infer<typeof auditListOutput>> {
  const where: SQL[] = [eq(auditEvents.projectId, input.projectId)];
  if (input.actor) where.push(like(auditEvents.actorLabel, `%${escapeLike(input.actor)}%`));
  if (input.action) {
    where.push(input.action.endsWith('.') ? like(auditEvents.action, `${escapeLike(input.action)}%`) : eq(auditEvents.action, input.action));
  }
  if (input.target) {
    const target = or(like(auditEvents.targetLabel, `%${escapeLike(input.target)}%`), eq(auditEvents.targetId, input.target));
    if (target) where.push(target);
  }
  if (input.from) where.push(gte(auditEvents.createdAt, new Date(input.from)));
  if (input.to) where.push(lte(auditEvents.createdAt, new Date(input.to)));
  if (input.cursor) where.push(lt(auditEvents.id, input.cursor));

  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((row) => ({
      id: row.id,
      actorType: row.actorType,
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetLabel: row.targetLabel,
      summary: row.summary,
      before: row.before ?? null,
      after: row.after ?? null,
      requestId: row.requestId,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The distinct actions seen in a project, for the Audit page's filter menu. */
export async function listAuditActions(db: DbOrTx, projectId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.projectId, projectId))
    .orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}
