import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import type { Actor } from '../../auth/actor.ts';

/** An emergency rollback of a service ends every promotion to it that waits for approval. Returns how many. */
export async function cancelWaitingPromotions(tx: Tx, serviceId: number, actor: Actor): Promise<number> {
  const policies = await tx.select({ id: promotionPolicies.id }).from(promotionPolicies).where(eq(promotionPolicies.targetServiceId, serviceId));
  if (policies.length === 0) return 0;
  const result = await tx
    .update(promotionRuns)
    .set({ status: 'rejected', reason: `cancelled by an emergency rollback of the target (${actor.label})`, decidedAt: new Date(), decidedBy: actor.type === 'user' ? actor.userId : null })
    .where(and(inArray(promotionRuns.policyId, policies.map((p) => p.id)), eq(promotionRuns.status, 'awaiting_approval')));
  return result[0].affectedRows;
}
