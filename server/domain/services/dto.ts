import { z } from 'zod';
import { serviceLevels } from '../../../db/schema/common.ts';
import { serviceStatuses } from '../../../db/schema/services.ts';
import { rolloutOutput, rolloutSummaryOutput } from '../rollouts/dto.ts';
import { serviceSpecSchema } from './spec.ts';

/** One service as `service.list` returns it: its last rollout as a summary, without pods and events. */
export const serviceSummaryOutput = z.object({
  id: z.number(),
  applicationId: z.number(),
  applicationName: z.string(),
  clusterId: z.number().nullable(),
  clusterName: z.string().nullable(),
  level: z.enum(serviceLevels),
  k8sName: z.string(),
  namespace: z.string(),
  /** This service alone, for testing one variant: <k8sName>.<cluster DNS name>. */
  host: z.string().nullable(),
  /** Every service of the level shares it (the A/B test): <app>-<level>.<cluster DNS name>. */
  levelHost: z.string().nullable(),
  displayName: z.string(),
  description: z.string().nullable(),
  status: z.enum(serviceStatuses),
  spec: serviceSpecSchema,
  currentModel: z.object({ id: z.number(), name: z.string(), version: z.string() }).nullable(),
  autoRollback: z.boolean(),
  /** Replica counts as the last rollout's watch saw them. */
  replicas: z.object({ desired: z.number(), updated: z.number(), ready: z.number(), available: z.number() }).nullable(),
  lastRollout: rolloutSummaryOutput.nullable(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type ServiceSummaryDto = z.infer<typeof serviceSummaryOutput>;

/** One service as `service.get` returns it: the last rollout with the pods and events the watch saw. */
export const serviceOutput = serviceSummaryOutput.extend({ lastRollout: rolloutOutput.nullable() });
export type ServiceDto = z.infer<typeof serviceOutput>;
