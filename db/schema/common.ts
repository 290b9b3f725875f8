import { datetime, mysqlEnum } from 'drizzle-orm/mysql-core';
import { sql } from 'drizzle-orm';

export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const serviceLevels = ['development', 'beta', 'staging', 'production'] as const;
export type ServiceLevel = (typeof serviceLevels)[number];

export const actorTypes = ['user', 'token', 'scheduler', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

export const roleColumn = (name: string) => mysqlEnum(name, roles);

/** Millisecond timestamps, stored in UTC; MariaDB and MySQL 8 both keep datetime(3). */
export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
export const createdAt = () => timestamp('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`);
export const updatedAt = () =>
  timestamp('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`).$onUpdate(() => new Date());
