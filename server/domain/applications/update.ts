import { eq } from 'drizzle-orm';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { auditView } from './audit-view.ts';
import { nameTaken } from './create.ts';
import { updateApplicationInput, type UpdateApplicationInput } from './fields.ts';
import { writeSshKey } from './ssh-key.ts';
import { nameSome } from '../names.ts';
import { liveServicesOfApplication, modelCountOfApplication, serviceLabel } from './usage.ts';

/**
 * Changes an application's settings. Omitted fields keep their value. The name is part of its
 * services' Kubernetes names and hosts and of its models' storage paths, so it can change only
 * while the application has neither.
 */
export async function updateApplication(db: Db, actor: Actor, projectId: number, raw: UpdateApplicationInput, requestId?: string): Promise<void> {
  const input = updateApplicationInput.parse(raw);
  try {
    await db.transaction(async (tx) => {
      const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for('update');
      if (!app || app.projectId !== projectId) throw notFound('That application');
      const renamed = input.name !== undefined && input.name !== app.name;
      if (renamed) {
        const live = await liveServicesOfApplication(tx, app.id);
        if (live.length > 0) {
          throw new AppError(
            'CONFLICT',
            `Application ${app.name} cannot be renamed while it has services (${nameSome(live.map(serviceLabel))}): their Kubernetes names and hosts contain its name. Delete them first, or keep the name.`,
          );
        }
        if ((await modelCountOfApplication(tx, app.id)) > 0) {
          throw new AppError('CONFLICT', `Application ${app.name} cannot be renamed while it has models: their storage paths contain its name. Keep the name.`);
        }
      }
      const next = {
        name: input.name ?? app.name,
        description: input.description === undefined ? app.description : input.description,
        gitUrl: input.gitUrl === undefined ? app.gitUrl : input.gitUrl,
        gitBranch: input.gitBranch === undefined ? app.gitBranch : input.gitBranch,
        bootScript: input.bootScript === undefined ? app.bootScript : input.bootScript,
      };
      await tx.update(applications).set(next).where(eq(applications.id, app.id));
      if (input.gitSshKey !== undefined) await writeSshKey(tx, app.id, input.gitSshKey);
      const keyChange = input.gitSshKey === undefined ? null : input.gitSshKey === null ? (app.gitSshKeySealed ? 'removed the SSH key' : null) : 'replaced the SSH key';
      await recordAudit(tx, {
        projectId,
        actor,
        action: 'application.update',
        target: { type: 'application', id: app.id, label: next.name },
        summary: `updated application ${next.name}${renamed ? ` (renamed from ${app.name})` : ''}${keyChange ? `; ${keyChange}` : ''}`,
        before: auditView({ ...app, gitSshKeySet: app.gitSshKeySealed != null }),
        after: {
          ...auditView({ ...next, gitSshKeySet: input.gitSshKey === undefined ? app.gitSshKeySealed != null : input.gitSshKey !== null }),
          ...(input.gitSshKey ? { gitSshKey: 'replaced' } : {}),
        },
        requestId,
      });
    });
  } catch (error) {
    if (isDuplicateKey(error) && input.name) throw nameTaken(input.name);
    throw error;
  }
}
