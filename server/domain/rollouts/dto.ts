import { z } from 'zod';
import { rolloutKinds, rolloutStatuses, type rollouts } from '../../../db/schema/rollouts.ts';
import { actorTypes } from '../../../db/schema/common.ts';

const pod = z.object({
  name: z.string(),
  phase: z.string(),
  ready: z.boolean(),
  restarts: z.number(),
  reason: z.string().optional(),
  message: z.string().optional(),
  templateHash: z.string().optional(),
  createdAt: z.string().optional(),
});
const event = z.object({ type: z.string(), reason: z.string(), message: z.string(), object: z.string(), count: z.number(), lastSeen: z.string() });

export const progressDetailOutput = z.object({
  phase: z.string(),
  desired: z.number(),
  updated: z.number(),
  ready: z.number(),
  available: z.number(),
  message: z.string().optional(),
  pods: z.array(pod),
  events: z.array(event),
});

export const rolloutOutput = z.object({
  id: z.number(),
  serviceId: z.number(),
  revision: z.number(),
  kind: z.enum(rolloutKinds),
  status: z.enum(rolloutStatuses),
  error: z.string().nullable(),
  /** 0..100 from the replica counts. */
  progress: z.number(),
  progressDetail: progressDetailOutput.nullable(),
  kubeRevision: z.string().nullable(),
  modelId: z.number().nullable(),
  rollbackToRolloutId: z.number().nullable(),
  supersededById: z.number().nullable(),
  actor: z.object({ type: z.enum(actorTypes), label: z.string() }),
  reason: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** From start to finish, or to now while running. */
  durationMs: z.number().nullable(),
});
export type RolloutDto = z.infer<typeof rolloutOutput>;

/** The full record, with the spec snapshot, for one rollout. */
export const rolloutDetailOutput = rolloutOutput.extend({ spec: z.record(z.string(), z.unknown()) });

/**
 * The counts without the pods and events: what a list of services shows (a progress bar). The
 * pods and events of 200 services made `service.list` ~325 KiB; `rollout.get` keeps them.
 */
export const progressSummaryOutput = progressDetailOutput.omit({ pods: true, events: true });
export const rolloutSummaryOutput = rolloutOutput.extend({ progressDetail: progressSummaryOutput.nullable() });
export type RolloutSummaryDto = z.infer<typeof rolloutSummaryOutput>;

/** The columns a DTO is made from: the spec and routing snapshots are not among them. */
type RolloutRow<Detail> = Omit<typeof rollouts.$inferSelect, 'spec' | 'routing' | 'progressDetail' | 'deadlineAt' | 'updatedAt' | 'actorUserId' | 'actorTokenId'> & {
  progressDetail: Detail | null;
};

export function toRolloutDto(row: RolloutRow<RolloutDto['progressDetail']>, now?: number): RolloutDto;
export function toRolloutDto(row: RolloutRow<RolloutSummaryDto['progressDetail']>, now?: number): RolloutSummaryDto;
export function toRolloutDto(row: RolloutRow<RolloutSummaryDto['progressDetail']>, now = Date.now()): RolloutSummaryDto {
  const end = row.finishedAt?.getTime() ?? (row.status === 'running' ? now : null);
  return {
    id: row.id,
    serviceId: row.serviceId,
    revision: row.revision,
    kind: row.kind,
    status: row.status,
    error: row.error,
    progress: row.progress,
    progressDetail: row.progressDetail ?? null,
    kubeRevision: row.kubeRevision,
    modelId: row.modelId,
    rollbackToRolloutId: row.rollbackToRolloutId,
    supersededById: row.supersededById,
    actor: { type: row.actorType, label: row.actorLabel },
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && end !== null ? Math.max(0, end - row.startedAt.getTime()) : null,
  };
}
