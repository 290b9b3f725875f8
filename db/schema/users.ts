import { int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, timestamp, updatedAt } from './common.ts';

export const users = mysqlTable(
  'users',
  {
    id: int('id').autoincrement().primaryKey(),
    email: varchar('email', { length: 320 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    // argon2id; null for accounts that only sign in through the OIDC provider.
    passwordHash: varchar('password_hash', { length: 255 }),
    disabledAt: timestamp('disabled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

/** Failed sign-ins per email, to slow down password guessing. */
export const signInThrottles = mysqlTable('sign_in_throttles', {
  email: varchar('email', { length: 320 }).primaryKey(),
  failures: int('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at').notNull(),
  blockedUntil: timestamp('blocked_until'),
});
