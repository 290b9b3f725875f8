import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';

// Which project a policy or run belongs to, for the procedure builder's membership check.

export async function projectOfPolicy(db: DbOrTx, policyId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ projectId: applications.projectId })
    .from(promotionPolicies)
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(eq(promotionPolicies.id, policyId))
    .limit(1);
  return row?.projectId;
}

export async function projectOfRun(db: DbOrTx, runId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ projectId: applications.projectId })
    .from(promotionRuns)
    .innerJoin(promotionPolicies, eq(promotionPolicies.id, promotionRuns.policyId))
    .innerJoin(applications, eq(applications.id, promotionPolicies.applicationId))
    .where(eq(promotionRuns.id, runId))
    .limit(1);
  return row?.projectId;
}
