import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { Logger, runMigrations } from 'graphile-worker';
import { createDb, createPool } from './client.ts';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class DatabaseUnreachableError extends Error {
  constructor(kind: 'MySQL' | 'PostgreSQL', url: string, cause: unknown, hint: string) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`cannot reach ${kind} at ${redactUrl(url)} (${reason}). ${hint}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** A URL with its password removed, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`the database name in ${redactUrl(url)} must be letters, digits and _`);
  return name;
}

async function ensureMysqlDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const server = new URL(url);
  server.pathname = '/';
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({ uri: server.toString(), connectTimeout: 5000 });
  } catch (error) {
    throw new DatabaseUnreachableError('MySQL', url, error, 'Start MySQL/MariaDB (service mariadb start) or set DATABASE_URL.');
  }
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

async function ensurePostgresDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachableError('PostgreSQL', url, error, 'Start PostgreSQL (pg_ctlcluster 15 main start) or set JOBS_DATABASE_URL.');
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Creates both databases if missing, applies the MySQL migrations and installs graphile-worker's schema. */
export async function migrateAll(urls: { mysql: string; postgres: string }): Promise<void> {
  await ensureMysqlDatabase(urls.mysql);
  await ensurePostgresDatabase(urls.postgres);
  const pool = createPool(urls.mysql);
  try {
    await drizzleMigrate(createDb(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
  await runMigrations({ connectionString: urls.postgres, logger: quietLogger });
  await migrateJobsDatabase(urls.postgres);
}

/**
 * Drucker's own table beside graphile-worker's schema: worker heartbeats, so jobs locked by a
 * worker that died (SIGKILL, lost machine) are released in seconds instead of graphile-worker's
 * four hours (server/jobs/liveness.ts). Idempotent.
 */
async function migrateJobsDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS drucker_worker_heartbeats (
      worker_id text PRIMARY KEY,
      host text NOT NULL,
      pid integer NOT NULL,
      seen_at timestamptz NOT NULL DEFAULT now()
    )`);
  } finally {
    await client.end();
  }
}

// graphile-worker logs every migration step; the CLI prints its own one-line summary.
const quietLogger = new Logger(() => () => undefined);
