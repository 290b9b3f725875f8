import { announceService } from '../../live/announce.ts';
import { eq } from 'drizzle-orm';
import { type Db, rowLocksOnly } from '../../../db/client.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { diffSpecs } from '../rollouts/spec-diff.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { updateServiceInput, type UpdateServiceInput } from './inputs.ts';
import { lockService } from './lock.ts';
import { patchSpec, sameSpec } from './spec.ts';

/**
 * Edits a service. A spec change is an `update` rollout (a rolling update in the cluster); the
 * display name, description and auto-rollback setting change at once, with no rollout.
 * Returns the rollout id, or null when only those settings changed.
 */
export async function updateService(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: UpdateServiceInput,
  requestId?: string,
): Promise<{ rolloutId: number | null }> {
  const input = parseInput(updateServiceInput, raw);
  const result = await db.transaction(async (tx) => {
    const { service } = await lockService(tx, projectId, input.serviceId);
    const spec = input.spec ? patchSpec(service.spec, input.spec) : service.spec;
    const specChanged = !sameSpec(spec, service.spec);
    const settings = {
      displayName: input.displayName ?? service.displayName,
      description: input.description === undefined ? service.description : input.description,
      autoRollback: input.autoRollback ?? service.autoRollback,
    };
    const settingsChanged =
      settings.displayName !== service.displayName || settings.description !== service.description || settings.autoRollback !== service.autoRollback;
    if (!specChanged && !settingsChanged) {
      throw new AppError('BAD_REQUEST', 'Nothing to change: the values given are what the service already has.');
    }
    await tx
      .update(services)
      .set({ ...settings, spec, ...(specChanged ? { status: 'deploying' as const } : {}) })
      .where(eq(services.id, service.id));
    const rollout = specChanged
      ? await insertRollout(tx, { serviceId: service.id, kind: 'update', spec, modelId: service.currentModelId, actor, reason: input.reason })
      : null;
    const changes = specChanged ? diffSpecs({ spec: service.spec, modelId: null }, { spec, modelId: null }) : [];
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'service.update',
      target: { type: 'service', id: service.id, label: settings.displayName },
      summary: `updated service ${service.k8sName}${changes.length ? `: ${changes.map((c) => c.field).join(', ')}` : ''}${
        settingsChanged ? `${changes.length ? ' and' : ':'} settings` : ''
      }${input.reason ? ` (${input.reason})` : ''}`,
      before: { spec: service.spec, displayName: service.displayName, description: service.description, autoRollback: service.autoRollback },
      after: { spec, ...settings, rolloutId: rollout?.rolloutId ?? null },
      requestId,
    });
    return rollout ? { rolloutId: rollout.rolloutId, serviceId: service.id } : null;
  }, rowLocksOnly);
  if (result) await enqueueRollout(result);
  else await announceService(input.serviceId);
  return { rolloutId: result?.rolloutId ?? null };
}
