import { boolean, index, int, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { applications } from './applications.ts';
import { createdAt, timestamp, updatedAt } from './common.ts';
import { services } from './services.ts';
import { users } from './users.ts';

/**
 * When promotions may happen, in the policy's time zone: on these weekdays (0 = Sunday) from
 * `startHour` up to (not including) `endHour`; an end before the start wraps past midnight.
 */
export type PromotionWindow = { days: number[]; startHour: number; endHour: number };

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
    // Five-field cron, read in `timeZone` (an IANA zone such as Europe/Berlin).
    schedule: varchar('schedule', { length: 100 }).notNull(),
    timeZone: varchar('time_zone', { length: 64 }).notNull().default('UTC'),
    allowedWindow: json('allowed_window').$type<PromotionWindow>(),
    // The soak gate: minutes the candidate model must have run on the source.
    minMinutesRunning: int('min_minutes_running').notNull().default(60),
    // The health gate: the source's last rollout succeeded and no pod restarted during the soak.
    requireHealthy: boolean('require_healthy').notNull().default(true),
    // The approvals gate: distinct approvers needed (0: none).
    requiredApprovals: int('required_approvals').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: int('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastRunAt: timestamp('last_run_at'),
    nextRunAt: timestamp('next_run_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('promotion_policies_application_idx').on(t.applicationId)],
);

export const promotionRunStatuses = ['skipped', 'awaiting_approval', 'promoted', 'rejected', 'failed'] as const;
export type PromotionRunStatus = (typeof promotionRunStatuses)[number];
export const promotionTriggers = ['schedule', 'manual'] as const;

export const promotionRuns = mysqlTable(
  'promotion_runs',
  {
    id: int('id').autoincrement().primaryKey(),
    policyId: int('policy_id')
      .notNull()
      .references(() => promotionPolicies.id, { onDelete: 'cascade' }),
    // The scheduled minute this run belongs to: one run per policy and tick, however many workers tick.
    tickAt: timestamp('tick_at').notNull(),
    trigger: mysqlEnum('trigger', promotionTriggers).notNull().default('schedule'),
    status: mysqlEnum('status', promotionRunStatuses).notNull(),
    reason: text('reason'),
    modelId: int('model_id'),
    rolloutId: int('rollout_id'),
    decidedBy: int('decided_by'),
    decidedAt: timestamp('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('promotion_runs_policy_time_idx').on(t.policyId, t.createdAt), uniqueIndex('promotion_runs_policy_tick_uq').on(t.policyId, t.tickAt)],
);

export const promotionDecisions = ['approve', 'reject'] as const;

/** One row per person and run: a second approval by the same person changes nothing. */
export const promotionApprovals = mysqlTable(
  'promotion_approvals',
  {
    id: int('id').autoincrement().primaryKey(),
    runId: int('run_id')
      .notNull()
      .references(() => promotionRuns.id, { onDelete: 'cascade' }),
    userId: int('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    decision: mysqlEnum('decision', promotionDecisions).notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('promotion_approvals_run_user_uq').on(t.runId, t.userId)],
);

/** A model rolled back on a target: no policy promotes it there again until someone unpins it. */
export const promotionPins = mysqlTable(
  'promotion_pins',
  {
    id: int('id').autoincrement().primaryKey(),
    serviceId: int('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    modelId: int('model_id').notNull(),
    // The rollback that pinned it.
    rolloutId: int('rollout_id'),
    reason: text('reason'),
    pinnedByLabel: varchar('pinned_by_label', { length: 320 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('promotion_pins_service_model_uq').on(t.serviceId, t.modelId)],
);
