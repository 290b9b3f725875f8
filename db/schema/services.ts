import { index, int, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { ServiceSpec } from '../../server/domain/services/spec.ts';
import { applications } from './applications.ts';
import { clusters } from './clusters.ts';
import { createdAt, serviceLevels, timestamp, updatedAt } from './common.ts';

export const serviceStatuses = ['pending', 'deploying', 'running', 'degraded', 'failed', 'deleting', 'deleted'] as const;

export const services = mysqlTable(
  'services',
  {
    id: int('id').autoincrement().primaryKey(),
    applicationId: int('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    clusterId: int('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'restrict' }),
    level: mysqlEnum('level', serviceLevels).notNull(),
    k8sName: varchar('k8s_name', { length: 63 }).notNull(),
    displayName: varchar('display_name', { length: 200 }).notNull(),
    // The desired spec: what the last accepted rollout asked for.
    spec: json('spec').$type<ServiceSpec>().notNull(),
    currentModelId: int('current_model_id'),
    trafficWeight: int('traffic_weight').notNull().default(100),
    status: mysqlEnum('status', serviceStatuses).notNull().default('pending'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // History outlives the service: rows are marked, never removed.
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [
    uniqueIndex('services_cluster_k8s_name_uq').on(t.clusterId, t.k8sName),
    index('services_application_level_idx').on(t.applicationId, t.level),
  ],
);
