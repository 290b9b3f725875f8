import { z } from 'zod';
import { serviceLevels } from '../../../db/schema/common.ts';
import { id } from '../names.ts';
import { serviceSpecSchema, serviceSpecPatchSchema } from './spec.ts';

// Inputs of the service mutations. Domain functions parse them again themselves: the worker, the
// CLI and tests call them without going through a router.

/** Why a change was made: shown in the history and the audit log. */
export const reason = z.string().trim().max(1000, 'keep the reason under 1000 characters').optional();

const displayName = z.string().trim().min(1, 'the display name cannot be empty').max(200);
const description = z.string().trim().max(2000);

export const createServiceInput = z.object({
  applicationId: id,
  clusterId: id,
  level: z.enum(serviceLevels, { error: `level must be one of ${serviceLevels.join(', ')}` }),
  displayName: displayName.optional(),
  description: description.optional(),
  autoRollback: z.boolean().default(false),
  modelId: id.optional(),
  reason,
  spec: serviceSpecSchema,
});

export const updateServiceInput = z.object({
  serviceId: id,
  /** Only the fields to change; the rest stay as the service has them. */
  spec: serviceSpecPatchSchema.optional(),
  displayName: displayName.optional(),
  description: description.nullable().optional(),
  autoRollback: z.boolean().optional(),
  reason,
});

export const restartServiceInput = z.object({
  serviceId: id,
  /** The new memo (DRUCKER_SERVICE_UPDATE_FLAG); a fresh one is made when omitted. */
  memo: z.string().trim().min(1).max(200).optional(),
  reason,
});

export const deleteServiceInput = z.object({ serviceId: id, reason });

export type CreateServiceInput = z.input<typeof createServiceInput>;
export type UpdateServiceInput = z.input<typeof updateServiceInput>;
