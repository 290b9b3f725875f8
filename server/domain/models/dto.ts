import { z } from 'zod';
import { serviceLevels } from '../../../db/schema/common.ts';
import { modelCopyStatuses } from '../../../db/schema/models.ts';

const serviceRef = z.object({ id: z.number(), displayName: z.string(), level: z.enum(serviceLevels), k8sName: z.string() });

export const modelOutput = z.object({
  id: z.number(),
  applicationId: z.number(),
  name: z.string(),
  version: z.string(),
  fileName: z.string(),
  /** Bytes. */
  size: z.number(),
  sha256: z.string(),
  description: z.string().nullable(),
  uploadedBy: z.object({ id: z.number(), email: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  /** Being deleted: its files are being removed, then it goes. */
  deleting: z.boolean(),
  /** Services whose current model it is. */
  runningOn: z.array(serviceRef),
  /** Services that ran it in a succeeded rollout and run something else now. */
  ranBefore: z.array(serviceRef),
});
export type ModelDto = z.infer<typeof modelOutput>;

export const modelCopyOutput = z.object({
  clusterId: z.number(),
  clusterName: z.string(),
  status: z.enum(modelCopyStatuses),
  bytesCopied: z.number(),
  /** The model's size, for a progress bar. */
  size: z.number(),
  error: z.string().nullable(),
  attempts: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type ModelCopyDto = z.infer<typeof modelCopyOutput>;
