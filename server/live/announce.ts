import { eq } from 'drizzle-orm';
import { db } from '../../db/client.ts';
import { applications } from '../../db/schema/applications.ts';
import { services } from '../../db/schema/services.ts';
import { logger } from '../log.ts';
import { publishChange } from './publish.ts';

/**
 * Tells open pages that a service changed because a mutation was accepted (a rollout queued,
 * cancelled or superseded, settings saved), not only when the worker reports progress: other
 * people's pages would otherwise see a queued change only at the worker's next notice. Called
 * after the transaction committed; best effort like every notice.
 */
export async function announceService(serviceId: number, rolloutId?: number): Promise<void> {
  try {
    const [row] = await db()
      .select({ applicationId: services.applicationId, projectId: applications.projectId })
      .from(services)
      .innerJoin(applications, eq(applications.id, services.applicationId))
      .where(eq(services.id, serviceId));
    if (row) await publishChange({ ...row, serviceId, ...(rolloutId === undefined ? {} : { rolloutId }) });
  } catch (error) {
    logger.warn('could not announce a service change', { serviceId, error });
  }
}
