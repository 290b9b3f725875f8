import { boolean, index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
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
    // Null once the cluster is deleted; only deleted services can outlive their cluster.
    clusterId: int('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    level: mysqlEnum('level', serviceLevels).notNull(),
    k8sName: varchar('k8s_name', { length: 63 }).notNull(),
    // Fixed when the service is created, so a later change to the cluster's template never moves it.
    namespace: varchar('namespace', { length: 63 }).notNull(),
    displayName: varchar('display_name', { length: 200 }).notNull(),
    description: text('description'),
    // The desired spec: what the last accepted rollout asked for.
    spec: json('spec').$type<ServiceSpec>().notNull(),
    currentModelId: int('current_model_id'),
    trafficWeight: int('traffic_weight').notNull().default(100),
    // Roll back to the last succeeded spec when a rollout of this service fails.
    autoRollback: boolean('auto_rollback').notNull().default(false),
    status: mysqlEnum('status', serviceStatuses).notNull().default('pending'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // History outlives the service: rows are marked, never removed.
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [
    uniqueIndex('services_k8s_name_uq').on(t.k8sName),
    index('services_application_level_idx').on(t.applicationId, t.level),
    index('services_cluster_idx').on(t.clusterId),
  ],
);
