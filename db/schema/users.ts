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
    // Sessions that began before this (a password reset, a disable) are no longer accepted.
    credentialsChangedAt: timestamp('credentials_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

// `email` is utf8mb4_bin in the database (migration 0002): addresses compare byte for byte.

/** Sign-in attempts per key (`email:<address>`, `address:<client address>`), to slow down password guessing. */
export const signInThrottles = mysqlTable('sign_in_throttles', {
  throttleKey: varchar('throttle_key', { length: 400 }).primaryKey(),
  failures: int('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at').notNull(),
  blockedUntil: timestamp('blocked_until'),
});

/** A single sign-on identity (the provider's issuer and subject) linked to one user. */
export const ssoIdentities = mysqlTable(
  'sso_identities',
  {
    id: int('id').autoincrement().primaryKey(),
    issuer: varchar('issuer', { length: 255 }).notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    userId: int('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sso_identities_issuer_subject_uq').on(t.issuer, t.subject), uniqueIndex('sso_identities_user_issuer_uq').on(t.userId, t.issuer)],
);
