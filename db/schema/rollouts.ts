import { index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { ServiceSpec } from '../../server/domain/services/spec.ts';
import { actorTypes, createdAt, timestamp, updatedAt } from './common.ts';
import { services } from './services.ts';

export const rolloutKinds = ['create', 'update', 'model_switch', 'restart', 'rollback', 'routing', 'promotion', 'delete', 'import'] as const;
export const rolloutStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'superseded'] as const;

/** What the watch last saw, for progress bars and the history page. */
export type RolloutProgressDetail = {
  desired: number;
  updated: number;
  ready: number;
  available: number;
  message?: string;
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
    spec: json('spec').$type<ServiceSpec>().notNull(),
    modelId: int('model_id'),
    rollbackToRolloutId: int('rollback_to_rollout_id'),
    status: mysqlEnum('status', rolloutStatuses).notNull().default('queued'),
    progress: int('progress').notNull().default(0),
    progressDetail: json('progress_detail').$type<RolloutProgressDetail>(),
    kubeRevision: varchar('kube_revision', { length: 32 }),
    error: text('error'),
    actorType: mysqlEnum('actor_type', actorTypes).notNull(),
    actorUserId: int('actor_user_id'),
    actorTokenId: int('actor_token_id'),
    reason: text('reason'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('rollouts_service_revision_uq').on(t.serviceId, t.revision),
    index('rollouts_status_idx').on(t.status),
  ],
);
