import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { env } from '../server/env.ts';
import * as schema from './schema/index.ts';

export type Db = MySql2Database<typeof schema>;
/** A transaction handle; domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function createPool(url: string): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: 10,
    // Everything is stored and read in UTC, whatever the server's own time zone is.
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
  });
  pool.on('connection', (connection) => {
    // The pool's raw connection takes callbacks; an error here surfaces on the first real query.
    void connection.query("SET time_zone = '+00:00'");
  });
  return pool;
}

export function createDb(pool: mysql.Pool): Db {
  return drizzle(pool, { schema, mode: 'default', casing: 'snake_case' });
}

// One pool per process, kept on globalThis so Next.js dev reloads do not leak connections.
const holder = globalThis as unknown as { druckerPool?: mysql.Pool; druckerDb?: Db };

export function db(): Db {
  if (!holder.druckerDb) {
    holder.druckerPool = createPool(env().DATABASE_URL);
    holder.druckerDb = createDb(holder.druckerPool);
  }
  return holder.druckerDb;
}

export async function closeDb(): Promise<void> {
  const pool = holder.druckerPool;
  holder.druckerPool = undefined;
  holder.druckerDb = undefined;
  await pool?.end();
}

/** MySQL's duplicate-key error, to turn into a clear conflict message. */
export function isDuplicateKey(error: unknown): boolean {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    if ('errno' in current && current.errno === 1062) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/**
 * For transactions that serialize on a row lock they take first (a service row for rollouts):
 * READ COMMITTED locks only the rows a statement changes, where InnoDB's default REPEATABLE READ
 * also locks index gaps, which made parallel changes of different services deadlock on rollouts.
 */
export const rowLocksOnly = { isolationLevel: 'read committed' } as const;
