import { index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, timestamp, updatedAt } from './common.ts';
import { projects } from './projects.ts';

export const clusterHealth = ['unknown', 'healthy', 'unreachable', 'forbidden'] as const;
export const trafficRouters = ['none', 'gateway-api', 'istio'] as const;

/** Where a cluster's pods find model files (the original Drucker mounted a hostPath). */
export type ModelStorageSettings =
  | { kind: 'hostPath'; path: string }
  | { kind: 'pvc'; claimName: string; mountPath?: string };

export const clusters = mysqlTable(
  'clusters',
  {
    id: int('id').autoincrement().primaryKey(),
    projectId: int('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 63 }).notNull(),
    description: text('description'),
    // Sealed with DRUCKER_SECRET_KEY (server/crypto); never leaves the server.
    kubeconfigSealed: text('kubeconfig_sealed').notNull(),
    contextSealed: text('context_sealed'),
    apiServerUrl: varchar('api_server_url', { length: 500 }),
    dnsName: varchar('dns_name', { length: 253 }).notNull(),
    ingressClass: varchar('ingress_class', { length: 63 }),
    grpcAnnotationPreset: varchar('grpc_annotation_preset', { length: 32 }).notNull().default('nginx'),
    namespaceTemplate: varchar('namespace_template', { length: 63 }).notNull().default('{level}'),
    trafficRouter: mysqlEnum('traffic_router', trafficRouters).notNull().default('none'),
    gatewayName: varchar('gateway_name', { length: 253 }),
    modelStorage: json('model_storage').$type<ModelStorageSettings>().notNull(),
    // Drucker runtime's service database (host, port, user, password, database), sealed.
    serviceDbSealed: text('service_db_sealed'),
    health: mysqlEnum('health', clusterHealth).notNull().default('unknown'),
    kubernetesVersion: varchar('kubernetes_version', { length: 64 }),
    lastError: text('last_error'),
    lastCheckedAt: timestamp('last_checked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clusters_project_name_uq').on(t.projectId, t.name), index('clusters_project_idx').on(t.projectId)],
);
