import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { CHANGES_CHANNEL, changeNotice, type ChangeNotice } from './channel.ts';

// One LISTEN connection per web process, shared by every open page; reconnects with backoff when
// the jobs database goes away, and says so to the subscribers (they re-read rows on reconnect).

type Listener = { emitter: EventEmitter; client?: pg.Client; connecting?: Promise<void>; retryMs: number };
const holder = globalThis as unknown as { druckerChanges?: Listener };

function listener(): Listener {
  if (!holder.druckerChanges) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    holder.druckerChanges = { emitter, retryMs: 500 };
  }
  return holder.druckerChanges;
}

async function connect(state: Listener): Promise<void> {
  const client = new pg.Client({ connectionString: env().JOBS_DATABASE_URL });
  client.on('notification', (message) => {
    if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
    try {
      state.emitter.emit('change', changeNotice.parse(JSON.parse(message.payload)));
    } catch (error) {
      logger.warn('ignored a malformed change notice', { error });
    }
  });
  const lost = (error?: Error) => {
    if (state.client !== client) return;
    state.client = undefined;
    logger.warn('live updates: lost the LISTEN connection; reconnecting', { error });
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    state.emitter.emit('resync');
    setTimeout(() => void ensureListening(), state.retryMs).unref();
    state.retryMs = Math.min(state.retryMs * 2, 15_000);
  };
  client.on('error', lost);
  client.on('end', () => lost());
  await client.connect();
  await client.query(`LISTEN ${CHANGES_CHANNEL}`);
  state.client = client;
  state.retryMs = 500;
}

function ensureListening(): Promise<void> {
  const state = listener();
  if (state.client) return Promise.resolve();
  state.connecting ??= connect(state)
    .catch((error: unknown) => {
      logger.warn('live updates: cannot LISTEN yet; retrying', { error });
      setTimeout(() => void ensureListening(), state.retryMs).unref();
      state.retryMs = Math.min(state.retryMs * 2, 15_000);
    })
    .finally(() => {
      state.connecting = undefined;
    });
  return state.connecting;
}

export type LiveEvent = { kind: 'change'; notice: ChangeNotice } | { kind: 'resync' };

/**
 * Change notices matching `filter` until `signal` aborts. A `resync` event means notices may have
 * been missed (the connection dropped): the subscriber should re-read what it shows.
 */
export async function* liveChanges(filter: (notice: ChangeNotice) => boolean, signal: AbortSignal | undefined): AsyncGenerator<LiveEvent> {
  const { emitter } = listener();
  await ensureListening();
  // A queue of this subscriber's own, merging both kinds of event in arrival order.
  const mine = new EventEmitter();
  const events = on(mine, 'event', { signal });
  const onChange = (notice: ChangeNotice) => mine.emit('event', { kind: 'change', notice } satisfies LiveEvent);
  const onResync = () => mine.emit('event', { kind: 'resync' } satisfies LiveEvent);
  emitter.on('change', onChange);
  emitter.on('resync', onResync);
  try {
    for await (const [event] of events as AsyncIterable<[LiveEvent]>) {
      if (event.kind === 'resync' || filter(event.notice)) yield event;
    }
  } catch (error) {
    if (!(signal?.aborted ?? false)) throw error;
  } finally {
    emitter.off('change', onChange);
    emitter.off('resync', onResync);
  }
}
