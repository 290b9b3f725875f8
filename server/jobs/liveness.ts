import { hostname } from 'node:os';
import type { WorkerEvents, WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { logger } from '../log.ts';

// graphile-worker keeps a job locked by a worker that died (SIGKILL, a lost machine) for four
// hours before another worker may take it, and a rollout would sit "running" all that time. So
// every worker process records a heartbeat for its workers here, and every process releases the
// jobs and queues of workers whose heartbeat stopped. A worker merely slow to beat (an event loop
// blocked past the threshold) could see its job run twice: tasks are idempotent, so the cost is
// work, not harm.

export type Liveness = { stop(): Promise<void>; reap(): Promise<string[]> };

/**
 * Beats for the workers `events` reports, and releases dead workers' jobs. A worker silent for
 * `deadAfterSeconds` counts as dead; it beats every sixth of that.
 */
export function startLiveness(connectionString: string, utils: WorkerUtils, events: WorkerEvents, deadAfterSeconds: number): Liveness {
  const beatMs = Math.max(500, (deadAfterSeconds * 1000) / 6);
  const mine = new Set<string>();
  const pool = new pg.Pool({ connectionString, max: 1 });
  // An idle connection dropped by the database is replaced on the next beat; unhandled, it would end the process.
  pool.on('error', (error) => logger.warn('heartbeat connection lost', { error }));
  const host = hostname();

  events.on('worker:create', ({ worker }) => {
    mine.add(worker.workerId);
    void beat();
  });
  events.on('worker:stop', ({ worker }) => {
    mine.delete(worker.workerId);
    void pool.query('DELETE FROM drucker_worker_heartbeats WHERE worker_id = $1', [worker.workerId]).catch(() => undefined);
  });

  async function beat(): Promise<void> {
    if (mine.size === 0) return;
    try {
      await pool.query(
        `INSERT INTO drucker_worker_heartbeats (worker_id, host, pid, seen_at)
         SELECT id, $2, $3, now() FROM unnest($1::text[]) AS id
         ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
        [[...mine], host, process.pid],
      );
    } catch (error) {
      logger.warn('worker heartbeat failed', { error });
    }
  }

  /** Releases what dead workers hold; returns their ids. */
  async function reap(): Promise<string[]> {
    try {
      const { rows } = await pool.query<{ locked_by: string }>(
        `SELECT DISTINCT locked_by FROM (
           SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
           UNION ALL
           SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
         ) AS locks
         WHERE locked_at < now() - make_interval(secs => $1)
           AND NOT EXISTS (
             SELECT 1 FROM drucker_worker_heartbeats h
             WHERE h.worker_id = locks.locked_by AND h.seen_at > now() - make_interval(secs => $1)
           )`,
        [deadAfterSeconds],
      );
      const dead = rows.map((row) => row.locked_by).filter((id) => !mine.has(id));
      if (dead.length > 0) {
        await utils.forceUnlockWorkers(dead);
        logger.warn('released the jobs of workers that stopped without finishing them', { workers: dead });
      }
      await pool.query("DELETE FROM drucker_worker_heartbeats WHERE seen_at < now() - interval '1 hour'");
      return dead;
    } catch (error) {
      logger.warn('could not check for dead workers', { error });
      return [];
    }
  }

  const timer = setInterval(() => {
    void beat().then(reap);
  }, beatMs);
  timer.unref();

  return {
    reap,
    async stop() {
      clearInterval(timer);
      if (mine.size > 0) await pool.query('DELETE FROM drucker_worker_heartbeats WHERE worker_id = ANY($1::text[])', [[...mine]]).catch(() => undefined);
      await pool.end();
    },
  };
}
