import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Each import runs in a fresh Node process: the cost is the first resolution of drizzle-orm.
const hook = path.resolve(import.meta.dirname, 'drizzle-resolve-hook.ts');

function importDrizzle(withHook: boolean): { heapMb: number; sameClasses: boolean; sql: string } {
  const script = `
    ${withHook ? `(await import(${JSON.stringify(hook)})).registerDrizzleResolveHook();` : ''}
    const { drizzle } = await import('drizzle-orm/mysql2');
    const { mysqlTable, int, varchar } = await import('drizzle-orm/mysql-core');
    const { eq, is, Table } = await import('drizzle-orm');
    const services = mysqlTable('services', { id: int('id').primaryKey(), name: varchar('name', { length: 63 }) });
    const db = drizzle.mock();
    const sql = db.select().from(services).where(eq(services.id, 7)).toSQL().sql;
    console.log(JSON.stringify({ heapMb: process.memoryUsage().heapUsed / 1048576, sameClasses: is(services, Table), sql }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { heapMb: number; sameClasses: boolean; sql: string };
}

describe('the drizzle resolve hook', () => {
  it('loads drizzle-orm to the same working classes and SQL, without parsing its exports map per file', () => {
    const plain = importDrizzle(false);
    const hooked = importDrizzle(true);
    expect(hooked.sameClasses).toBe(true);
    expect(hooked.sql).toBe(plain.sql);
    expect(hooked.sql).toBe('select `id`, `name` from `services` where `services`.`id` = ?');
    // Measured: ~176 MB of heap without the hook, ~13 MB with it.
    expect(hooked.heapMb).toBeLessThan(plain.heapMb / 3);
  }, 120_000);
});
