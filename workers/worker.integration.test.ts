import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../server/env.ts';
import { startWorkerProcess } from '../test/worker-process.ts';

const pool = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL });
afterAll(() => pool.end());

describe('worker process', () => {
  it('runs queued jobs, and on SIGTERM finishes and exits cleanly', { timeout: 240_000 }, async () => {
    const worker = startWorkerProcess();
    await worker.seen(/"msg":"worker started"/);
    // A real task through the real queue: housekeeping runs and logs its result.
    await pool.query("SELECT graphile_worker.add_job('housekeeping', '{}'::json)");
    await worker.seen(/housekeeping: forgot \d+ old sign-in failure record/);
    worker.child.kill('SIGTERM');
    await worker.seen(/"msg":"worker stopped"/);
    expect(await worker.exited).toBe(0);
  });
});
