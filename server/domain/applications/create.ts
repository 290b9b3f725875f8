import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { createApplicationInput, type CreateApplicationInput } from './fields.ts';
import { auditView } from './audit-view.ts';
import { writeSshKey } from './ssh-key.ts';

export const nameTaken = (name: string) => new AppError('CONFLICT', `An application named ${name} already exists in this project; choose another name.`);

/** Creates an application; its SSH key is sealed to the new row in the same transaction. */
export async function createApplication(db: Db, actor: Actor, raw: CreateApplicationInput, requestId?: string): Promise<{ applicationId: number }> {
  const input = createApplicationInput.parse(raw);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(applications)
        .values({
          projectId: input.projectId,
          name: input.name,
          description: input.description ?? null,
          gitUrl: input.gitUrl ?? null,
          gitBranch: input.gitBranch ?? null,
          bootScript: input.bootScript ?? null,
        })
        .$returningId();
      if (!created) throw new Error('insert returned no id');
      if (input.gitSshKey) await writeSshKey(tx, created.id, input.gitSshKey);
      await recordAudit(tx, {
        projectId: input.projectId,
        actor,
        action: 'application.create',
        target: { type: 'application', id: created.id, label: input.name },
        summary: `created application ${input.name}`,
        after: auditView({
          name: input.name,
          description: input.description,
          gitUrl: input.gitUrl,
          gitBranch: input.gitBranch,
          bootScript: input.bootScript,
          gitSshKeySet: input.gitSshKey !== undefined,
        }),
        requestId,
      });
      return { applicationId: created.id };
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw nameTaken(input.name);
    throw error;
  }
}
