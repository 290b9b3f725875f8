import { bigint, index, int, json, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { actorTypes, createdAt } from './common.ts';

// Append-only: no foreign keys, so events survive the deletion of what they describe.
export const auditEvents = mysqlTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    projectId: int('project_id'),
    actorType: mysqlEnum('actor_type', actorTypes).notNull(),
    actorUserId: int('actor_user_id'),
    actorTokenId: int('actor_token_id'),
    // Who it was, as shown then (an email or a token name), so renames do not rewrite history.
    actorLabel: varchar('actor_label', { length: 320 }).notNull(),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }).notNull(),
    targetId: varchar('target_id', { length: 64 }),
    targetLabel: varchar('target_label', { length: 255 }),
    summary: text('summary').notNull(),
    before: json('before').$type<Record<string, unknown>>(),
    after: json('after').$type<Record<string, unknown>>(),
    requestId: varchar('request_id', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_project_time_idx').on(t.projectId, t.createdAt),
    index('audit_events_project_action_idx').on(t.projectId, t.action),
  ],
);
