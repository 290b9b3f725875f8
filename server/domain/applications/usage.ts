import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { services } from '../../../db/schema/services.ts';

/** How a service is named in a refusal: what people see on the page and what kubectl shows. */
export const serviceLabel = (s: { displayName: string; k8sName: string; level: string }) =>
  s.displayName === s.k8sName ? `${s.k8sName} (${s.level})` : `${s.displayName} (${s.level}, ${s.k8sName})`;

/** The application's services that are not deleted, oldest first. */
export async function liveServicesOfApplication(db: DbOrTx, applicationId: number) {
  return db
    .select({ id: services.id, displayName: services.displayName, k8sName: services.k8sName, level: services.level })
    .from(services)
    .where(and(eq(services.applicationId, applicationId), isNull(services.deletedAt)))
    .orderBy(asc(services.id));
}

export async function modelCountOfApplication(db: DbOrTx, applicationId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(models).where(eq(models.applicationId, applicationId));
  return row?.n ?? 0;
}
