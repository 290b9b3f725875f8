import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client.ts';
import { applications } from '../../../../db/schema/applications.ts';
import { clusters } from '../../../../db/schema/clusters.ts';
import { models } from '../../../../db/schema/models.ts';
import { rollouts } from '../../../../db/schema/rollouts.ts';
import { services } from '../../../../db/schema/services.ts';

export type RolloutContext = {
  rollout: typeof rollouts.$inferSelect;
  service: typeof services.$inferSelect;
  application: typeof applications.$inferSelect;
  cluster: typeof clusters.$inferSelect | null;
  model: typeof models.$inferSelect | null;
};

/** Everything a rollout needs, read fresh on every attempt (level-triggered: nothing is assumed from an earlier one). */
export async function loadRolloutContext(db: DbOrTx, rolloutId: number): Promise<RolloutContext | null> {
  const [row] = await db
    .select({ rollout: rollouts, service: services, application: applications, cluster: clusters })
    .from(rollouts)
    .innerJoin(services, eq(services.id, rollouts.serviceId))
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .leftJoin(clusters, eq(clusters.id, services.clusterId))
    .where(eq(rollouts.id, rolloutId));
  if (!row) return null;
  const [model] = row.rollout.modelId ? await db.select().from(models).where(eq(models.id, row.rollout.modelId)) : [];
  return { ...row, model: model ?? null };
}
