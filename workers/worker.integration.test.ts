import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../server/env.ts';

const pool = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL });
afterAll(() => pool.end());

function startWorker() {
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, 'main.ts')], { env: { ...process.env, LOG_LEVEL: 'info' } });
  let output = '';
  // Generous: starting a worker loads the Kubernetes client and every task, slow on a busy two-core machine.
  const seen = (pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs);
      const check = () => {
        const match = pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => ((output += chunk.toString()), check()));
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, seen, exited };
}

describe('worker process', () => {
  it('runs queued jobs, and on SIGTERM finishes and exits cleanly', { timeout: 240_000 }, async () => {
    const worker = startWorker();
    await worker.seen(/"msg":"worker started"/);
    // A real task through the real queue: housekeeping runs and logs its result.
    await pool.query("SELECT graphile_worker.add_job('housekeeping', '{}'::json)");
    await worker.seen(/housekeeping: forgot \d+ old sign-in failure record/);
    worker.child.kill('SIGTERM');
    await worker.seen(/"msg":"worker stopped"/);
    expect(await worker.exited).toBe(0);
  });
});
