import pg from 'pg';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { CHANGES_CHANNEL, type ChangeNotice } from './channel.ts';

const holder = globalThis as unknown as { druckerNotifyPool?: pg.Pool };

function pool(): pg.Pool {
  if (!holder.druckerNotifyPool) {
    holder.druckerNotifyPool = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL, max: 2 });
    // An idle connection dropped by the database is replaced on the next notice; unhandled, it would end the process.
    holder.druckerNotifyPool.on('error', (error) => logger.warn('live notice connection lost', { error }));
  }
  return holder.druckerNotifyPool;
}

/** Tells every web process that something of this service changed. Best effort: pages also refresh on reconnect. */
export async function publishChange(notice: ChangeNotice): Promise<void> {
  try {
    await pool().query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
  } catch (error) {
    logger.warn('could not publish a live change notice', { error, serviceId: notice.serviceId });
  }
}

export async function closePublisher(): Promise<void> {
  const current = holder.druckerNotifyPool;
  holder.druckerNotifyPool = undefined;
  await current?.end();
}
