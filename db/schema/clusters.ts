import { boolean, index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, timestamp, updatedAt } from './common.ts';
import { projects } from './projects.ts';

export const clusterHealth = ['unknown', 'healthy', 'unreachable', 'forbidden'] as const;
export const trafficRouters = ['none', 'gateway-api', 'istio'] as const;
export const grpcAnnotationPresets = ['nginx', 'nghttpx', 'none'] as const;

/**
 * A cluster's model storage has two sides (DESIGN.md "Models"): where Drucker writes model files,
 * and how the pods see the same files. In production both are one shared volume.
 */
export type ModelStorageSettings = {
  /** Where the model-copy job writes: a directory on the worker's host, or an S3 bucket and prefix. */
  write: { kind: 'fs'; dir: string } | { kind: 's3'; bucket: string; prefix: string; endpoint?: string; region?: string; forcePathStyle?: boolean };
  /** How pods mount it: a hostPath (the original Drucker's) or a PersistentVolumeClaim. */
  pods: { kind: 'hostPath'; path: string } | { kind: 'pvc'; claimName: string };
  /** The directory inside the pod (DRUCKER_SERVICE_MODEL_DIR), default /mnt/drucker-model. */
  mountPath: string;
};

/** The Drucker runtime's service database; its password is sealed in its own column. */
export type ServiceDbSettings = { host: string; port: number; database: string; user: string };

export const clusters = mysqlTable(
  'clusters',
  {
    id: int('id').autoincrement().primaryKey(),
    projectId: int('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 63 }).notNull(),
    description: text('description'),
    // Sealed with DRUCKER_SECRET_KEY (server/crypto), bound to this row; never leaves the server.
    kubeconfigSealed: text('kubeconfig_sealed').notNull(),
    // The kubeconfig context used (not secret; shown so people know which one was picked).
    context: varchar('context', { length: 253 }).notNull(),
    apiServerUrl: varchar('api_server_url', { length: 500 }).notNull(),
    dnsName: varchar('dns_name', { length: 253 }).notNull(),
    ingressClass: varchar('ingress_class', { length: 63 }),
    grpcAnnotationPreset: mysqlEnum('grpc_annotation_preset', grpcAnnotationPresets).notNull().default('nginx'),
    namespaceTemplate: varchar('namespace_template', { length: 63 }).notNull().default('{level}'),
    // The original Drucker's optional node pinning: nodeSelector host=<level>.
    nodePinning: boolean('node_pinning').notNull().default(false),
    trafficRouter: mysqlEnum('traffic_router', trafficRouters).notNull().default('none'),
    gatewayName: varchar('gateway_name', { length: 253 }),
    gatewayNamespace: varchar('gateway_namespace', { length: 63 }),
    modelStorage: json('model_storage').$type<ModelStorageSettings>().notNull(),
    // Per-cluster S3 credentials for model storage ({accessKeyId, secretAccessKey} JSON), sealed.
    modelStorageCredentialsSealed: text('model_storage_credentials_sealed'),
    serviceDb: json('service_db').$type<ServiceDbSettings>(),
    serviceDbPasswordSealed: text('service_db_password_sealed'),
    health: mysqlEnum('health', clusterHealth).notNull().default('unknown'),
    kubernetesVersion: varchar('kubernetes_version', { length: 64 }),
    lastError: text('last_error'),
    lastCheckedAt: timestamp('last_checked_at'),
    lastHealthyAt: timestamp('last_healthy_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clusters_project_name_uq').on(t.projectId, t.name), index('clusters_project_idx').on(t.projectId)],
);
