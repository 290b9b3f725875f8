import { boolean, index, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { applications } from './applications.ts';
import { createdAt, timestamp, updatedAt } from './common.ts';
import { services } from './services.ts';
import { users } from './users.ts';

export const promotionPolicies = mysqlTable(
  'promotion_policies',
  {
    id: int('id').autoincrement().primaryKey(),
    applicationId: int('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 100 }).notNull(),
    sourceServiceId: int('source_service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    targetServiceId: int('target_service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    schedule: varchar('schedule', { length: 100 }).notNull(),
    minMinutesRunning: int('min_minutes_running').notNull().default(60),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: int('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastRunAt: timestamp('last_run_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('promotion_policies_application_idx').on(t.applicationId)],
);

export const promotionRunStatuses = ['skipped', 'awaiting_approval', 'promoted', 'rejected', 'failed'] as const;

export const promotionRuns = mysqlTable(
  'promotion_runs',
  {
    id: int('id').autoincrement().primaryKey(),
    policyId: int('policy_id')
      .notNull()
      .references(() => promotionPolicies.id, { onDelete: 'cascade' }),
    status: mysqlEnum('status', promotionRunStatuses).notNull(),
    reason: text('reason'),
    modelId: int('model_id'),
    rolloutId: int('rollout_id'),
    decidedBy: int('decided_by'),
    decidedAt: timestamp('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('promotion_runs_policy_time_idx').on(t.policyId, t.createdAt)],
);
