import type { DbOrTx } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { actorColumns, type Actor } from '../../auth/actor.ts';

export type AuditInput = {
  projectId: number | null;
  actor: Actor;
  action: string;
  target: { type: string; id?: number | string | null; label?: string | null };
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
};

/** Call inside the mutation's transaction, so the change and its audit event commit together. */
export async function recordAudit(tx: DbOrTx, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    projectId: event.projectId,
    ...actorColumns(event.actor),
    actorLabel: event.actor.label,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id == null ? null : String(event.target.id),
    targetLabel: event.target.label ?? null,
    summary: event.summary,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId ?? null,
  });
}
