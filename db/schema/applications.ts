import { int, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, updatedAt } from './common.ts';
import { projects } from './projects.ts';

export const applications = mysqlTable(
  'applications',
  {
    id: int('id').autoincrement().primaryKey(),
    projectId: int('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    // DNS-1123 label: it becomes part of Kubernetes names and ingress hosts.
    name: varchar('name', { length: 40 }).notNull(),
    description: text('description'),
    gitUrl: varchar('git_url', { length: 500 }),
    gitBranch: varchar('git_branch', { length: 255 }),
    bootScript: varchar('boot_script', { length: 255 }),
    gitSshKeySealed: text('git_ssh_key_sealed'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('applications_project_name_uq').on(t.projectId, t.name)],
);
