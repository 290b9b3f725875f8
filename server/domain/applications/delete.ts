import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { auditView } from './audit-view.ts';
import { deleteApplicationInput } from './fields.ts';
import { nameSome } from '../names.ts';
import { liveServicesOfApplication, modelCountOfApplication, serviceLabel } from './usage.ts';

/**
 * Deletes an application that has no live services and no models. The row lock, and the lock a
 * new service's foreign key takes on this row, mean a service created at the same moment either
 * blocks this delete or fails for want of its application; neither leaves a service without one.
 * Deleted services' history goes with the application; the audit log keeps the record.
 */
export async function deleteApplication(db: Db, actor: Actor, projectId: number, raw: { applicationId: number }, requestId?: string): Promise<void> {
  const input = deleteApplicationInput.parse(raw);
  await db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for('update');
    if (!app || app.projectId !== projectId) throw notFound('That application');
    const live = await liveServicesOfApplication(tx, app.id);
    if (live.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Application ${app.name} still has ${live.length === 1 ? 'a service' : `${live.length} services`}: ${nameSome(live.map(serviceLabel))}. Delete ${live.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    const models = await modelCountOfApplication(tx, app.id);
    if (models > 0) {
      throw new AppError(
        'CONFLICT',
        `Application ${app.name} still has ${models === 1 ? 'a model' : `${models} models`}. Delete ${models === 1 ? 'it' : 'them'} first, so the files leave model storage too.`,
      );
    }
    await tx.delete(applications).where(eq(applications.id, app.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'application.delete',
      target: { type: 'application', id: app.id, label: app.name },
      summary: `deleted application ${app.name}`,
      before: auditView({ ...app, gitSshKeySet: app.gitSshKeySealed != null }),
      requestId,
    });
  });
}
