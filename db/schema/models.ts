import { bigint, char, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { applications } from './applications.ts';
import { clusters } from './clusters.ts';
import { createdAt, timestamp, updatedAt } from './common.ts';
import { users } from './users.ts';

export const models = mysqlTable(
  'models',
  {
    id: int('id').autoincrement().primaryKey(),
    applicationId: int('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 200 }).notNull(),
    version: varchar('version', { length: 100 }).notNull(),
    fileName: varchar('file_name', { length: 255 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    storageKey: varchar('storage_key', { length: 500 }).notNull(),
    description: text('description'),
    uploadedBy: int('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    // Set by model.delete: the row is the outbox of the job that removes its files, then the row.
    deletingAt: timestamp('deleting_at'),
  },
  (t) => [uniqueIndex('models_application_name_version_uq').on(t.applicationId, t.name, t.version)],
);

export const modelCopyStatuses = ['pending', 'copying', 'verified', 'failed'] as const;

export const modelCopies = mysqlTable(
  'model_copies',
  {
    id: int('id').autoincrement().primaryKey(),
    modelId: int('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    clusterId: int('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    status: mysqlEnum('status', modelCopyStatuses).notNull().default('pending'),
    bytesCopied: bigint('bytes_copied', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    // Attempts of the current copy; the copy retries with backoff before it is marked failed.
    attempts: int('attempts').notNull().default(0),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    // When the destination's sha-256 last matched the model's.
    verifiedAt: timestamp('verified_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('model_copies_model_cluster_uq').on(t.modelId, t.clusterId), index('model_copies_status_idx').on(t.status)],
);
