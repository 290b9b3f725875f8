import { index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { ServiceSpec } from '../../server/domain/services/spec.ts';
import { actorTypes, createdAt, timestamp, updatedAt } from './common.ts';
import { services } from './services.ts';

export const rolloutKinds = ['create', 'update', 'model_switch', 'restart', 'rollback', 'routing', 'promotion', 'delete', 'import'] as const;
export const rolloutStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'superseded'] as const;
export type RolloutKind = (typeof rolloutKinds)[number];
export type RolloutStatus = (typeof rolloutStatuses)[number];

/** A pod as the watch last saw it, with its own reason when it is not ready. */
export type RolloutPod = {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** e.g. ImagePullBackOff, CrashLoopBackOff, ContainerCreating */
  reason?: string;
  message?: string;
  /** The ReplicaSet's pod-template-hash: tells new pods from old. */
  templateHash?: string;
  createdAt?: string;
};

export type RolloutEvent = { type: string; reason: string; message: string; object: string; count: number; lastSeen: string };

/** What the watch last saw, for progress bars and the history page. */
export type RolloutProgressDetail = {
  /** What the task is doing now: "waiting for the model copy", "applying", "watching the Deployment"… */
  phase: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  message?: string;
  pods: RolloutPod[];
  events: RolloutEvent[];
};

/**
 * The traffic split a `routing` rollout (or a rollback to one) applies to an application's level:
 * weights in percent over its services, summing to 100. Null on every other rollout.
 */
export type RoutingSnapshot = {
  applicationId: number;
  level: string;
  router: 'gateway-api' | 'istio';
  weights: { serviceId: number; weight: number }[];
};

export const rollouts = mysqlTable(
  'rollouts',
  {
    id: int('id').autoincrement().primaryKey(),
    serviceId: int('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    revision: int('revision').notNull(),
    kind: mysqlEnum('kind', rolloutKinds).notNull(),
    // The whole desired spec of this revision, so any revision can be diffed and rolled back to.
    spec: json('spec').$type<ServiceSpec>().notNull(),
    modelId: int('model_id'),
    rollbackToRolloutId: int('rollback_to_rollout_id'),
    // Set on traffic rollouts only: they change the level's route, never the service's own objects.
    routing: json('routing').$type<RoutingSnapshot>(),
    status: mysqlEnum('status', rolloutStatuses).notNull().default('queued'),
    // 0..100, from the replica counts; the detail carries the counts, pods and events.
    progress: int('progress').notNull().default(0),
    progressDetail: json('progress_detail').$type<RolloutProgressDetail>(),
    // The Deployment's deployment.kubernetes.io/revision once applied.
    kubeRevision: varchar('kube_revision', { length: 32 }),
    error: text('error'),
    // A queued rollout overtaken by a newer one of the same service before it ran.
    supersededById: int('superseded_by_id'),
    actorType: mysqlEnum('actor_type', actorTypes).notNull(),
    actorUserId: int('actor_user_id'),
    actorTokenId: int('actor_token_id'),
    // Who it was, as shown then (an email, a token name, "scheduler"), so history never rewrites.
    actorLabel: varchar('actor_label', { length: 320 }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at'),
    // Set when the rollout starts running; durable, so a retried job keeps the same deadline.
    deadlineAt: timestamp('deadline_at'),
    finishedAt: timestamp('finished_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('rollouts_service_revision_uq').on(t.serviceId, t.revision),
    index('rollouts_status_idx').on(t.status),
  ],
);
