import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { models } from '../../../db/schema/models.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';

// Which project a service or rollout belongs to, for the procedure builder's membership check (server/trpc/scopes.ts).

export async function projectOfService(db: DbOrTx, serviceId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ projectId: applications.projectId })
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(eq(services.id, serviceId))
    .limit(1);
  return row?.projectId;
}

export async function projectOfRollout(db: DbOrTx, rolloutId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ projectId: applications.projectId })
    .from(rollouts)
    .innerJoin(services, eq(services.id, rollouts.serviceId))
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(eq(rollouts.id, rolloutId))
    .limit(1);
  return row?.projectId;
}


export async function projectOfModel(db: DbOrTx, modelId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ projectId: applications.projectId })
    .from(models)
    .innerJoin(applications, eq(applications.id, models.applicationId))
    .where(eq(models.id, modelId))
    .limit(1);
  return row?.projectId;
}
