import mysql from 'mysql2/promise';
import pg from 'pg';
import { redactUrl } from './migrate.ts';

// Before a long-running process starts: can it reach both databases, and are they migrated?
// Each problem is one line that names the URL and says how to fix it.
export async function preflight(urls: { mysql: string; postgres: string }): Promise<string[]> {
  const problems: string[] = [];
  try {
    const connection = await mysql.createConnection({ uri: urls.mysql, connectTimeout: 5000 });
    try {
      const [rows] = await connection.query("SHOW TABLES LIKE '__drizzle_migrations'");
      if (Array.isArray(rows) && rows.length === 0) problems.push(`MySQL at ${redactUrl(urls.mysql)} is not migrated: run npm run drucker -- migrate`);
    } finally {
      await connection.end();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /Unknown database/i.test(reason) ? 'run npm run drucker -- migrate (it creates the database)' : 'start MySQL/MariaDB or fix DATABASE_URL';
    problems.push(`cannot use MySQL at ${redactUrl(urls.mysql)} (${reason}): ${hint}`);
  }
  const client = new pg.Client({ connectionString: urls.postgres, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'graphile_worker'");
    if (found.rowCount === 0) problems.push(`PostgreSQL at ${redactUrl(urls.postgres)} has no job queue schema: run npm run drucker -- migrate`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /does not exist/i.test(reason) ? 'run npm run drucker -- migrate (it creates the database)' : 'start PostgreSQL or fix JOBS_DATABASE_URL';
    problems.push(`cannot use PostgreSQL at ${redactUrl(urls.postgres)} (${reason}): ${hint}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return problems;
}
