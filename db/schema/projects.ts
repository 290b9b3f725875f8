import { boolean, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, roleColumn, updatedAt } from './common.ts';
import { users } from './users.ts';

export const projects = mysqlTable(
  'projects',
  {
    id: int('id').autoincrement().primaryKey(),
    name: varchar('name', { length: 63 }).notNull(),
    description: text('description'),
    createdBy: int('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('projects_name_uq').on(t.name)],
);

export const projectMembers = mysqlTable(
  'project_members',
  {
    projectId: int('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: int('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleColumn('role').notNull(),
    // Separation of duties: approving a gated promotion is a right of its own, beside the role.
    approver: boolean('approver').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'project_members_pk', columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);
