// Why graphile-worker is pinned to 0.16.6: STACK-NOTES reports that 0.17/0.18 often leave the next
// job of a named queue waiting for the next poll, and rollouts of one service share one queue
// (`service:<id>`). This runs 0.16.6 and 0.18.0 side by side, each in-process against its own
// database, and prints the ratio per scenario; absolute times on a shared machine are noise.
// (The cause in 0.18.0: a worker starts fetching its next job without awaiting the previous job's
// completion, finds the queue still locked, and sleeps until the next poll.)
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as gw16 from 'graphile-worker';
import * as gw18 from 'graphile-worker-0-18';
import pg from 'pg';
import { z } from 'zod';

const POSTGRES = 'postgres://postgres@127.0.0.1:5432';
const CONCURRENCY = 4;
const JOB_MS = 30;
const REPETITIONS = 3;
const PICKUP_SAMPLES = 50;
const BATCH_TIMEOUT_MS = 20_000;
const WHOLE_BENCH_LIMIT_MS = 150_000;

type WorkerOptions = {
  connectionString: string;
  concurrency: number;
  pollInterval: number;
  noHandleSignals: boolean;
  taskList: { bench: (payload: unknown) => Promise<void> };
};
type JobAdder = {
  addJob(task: string, payload: unknown, spec: { queueName?: string }): Promise<unknown>;
  release(): void | Promise<void>;
};
type WorkerLibrary = {
  run(options: WorkerOptions): Promise<{ stop(): Promise<void> }>;
  makeWorkerUtils(connectionString: string): Promise<JobAdder>;
};

// The worker logs every job at info level; warnings and errors still matter.
const quiet = () => (level: string, message: string) => {
  if (level === 'error' || level === 'warning') console.error(`  graphile-worker ${level}: ${message}`);
};

const libraries: Record<'0.16.6' | '0.18.0', WorkerLibrary> = {
  '0.16.6': {
    run: (options) => gw16.run({ ...options, logger: new gw16.Logger(quiet) }),
    makeWorkerUtils: (connectionString) => gw16.makeWorkerUtils({ connectionString, logger: new gw16.Logger(quiet) }),
  },
  '0.18.0': {
    run: (options) => gw18.run({ ...options, logger: new gw18.Logger(quiet) }),
    makeWorkerUtils: (connectionString) => gw18.makeWorkerUtils({ connectionString, logger: new gw18.Logger(quiet) }),
  },
};

// Equal settings first (2000 ms is graphile-worker's default poll); then 0.18 with the obvious workaround.
const variants = [
  { label: '0.16.6 (poll 2000)', version: '0.16.6', library: libraries['0.16.6'], database: 'drucker_bench_gw016', pollInterval: 2000 },
  { label: '0.18.0 (poll 2000)', version: '0.18.0', library: libraries['0.18.0'], database: 'drucker_bench_gw018', pollInterval: 2000 },
  { label: '0.18.0 (poll 200)', version: '0.18.0', library: libraries['0.18.0'], database: 'drucker_bench_gw018_poll200', pollInterval: 200 },
];
type Variant = (typeof variants)[number];
type Started = Variant & { stop(): Promise<void>; utils: JobAdder };

// One batch of jobs added together; the task reports start and end times back here by batch id.
class Batch {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly addedAt = performance.now();
  /** A named queue must never run two of its jobs at once; if it does, the timings mean nothing. */
  overlapped = false;
  private readonly running = new Set<string>();
  private readonly done = Promise.withResolvers<void>();
  private readonly expected: number;

  constructor(expected: number) {
    this.expected = expected;
  }

  started(queue: string | null): void {
    this.starts.push(performance.now());
    if (queue === null) return;
    if (this.running.has(queue)) this.overlapped = true;
    this.running.add(queue);
  }

  ended(queue: string | null): void {
    this.ends.push(performance.now());
    if (queue !== null) this.running.delete(queue);
    if (this.ends.length === this.expected) this.done.resolve();
  }

  async finished(timeoutMs: number): Promise<void> {
    const timer = setTimeout(() => {
      this.done.reject(new Error(`only ${this.ends.length} of ${this.expected} jobs finished within ${timeoutMs} ms`));
    }, timeoutMs);
    try {
      await this.done.promise;
    } finally {
      clearTimeout(timer);
    }
  }
}

const batches = new Map<string, Batch>();
const benchPayload = z.object({ batch: z.string(), queue: z.string().nullable() });

const taskList = {
  bench: async (payload: unknown): Promise<void> => {
    const { batch: id, queue } = benchPayload.parse(payload);
    const batch = batches.get(id);
    batch?.started(queue);
    await sleep(JOB_MS);
    batch?.ended(queue);
  },
};

async function runBatch(worker: Started, queues: (string | null)[]): Promise<Batch> {
  const id = randomUUID();
  const batch = new Batch(queues.length);
  batches.set(id, batch);
  try {
    await Promise.all(
      queues.map((queue) => worker.utils.addJob('bench', { batch: id, queue }, queue === null ? {} : { queueName: queue })),
    );
    await batch.finished(BATCH_TIMEOUT_MS);
  } finally {
    batches.delete(id);
  }
  if (batch.overlapped) throw new Error(`${worker.label}: two jobs of one named queue ran at once`);
  return batch;
}

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  try {
    const existing = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const connectionString = `${POSTGRES}/${name}`;
  // A schema migrated by a newer graphile-worker refuses to run under an older one.
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('drop schema if exists graphile_worker cascade');
  } finally {
    await client.end();
  }
  return connectionString;
}

async function start(variant: Variant): Promise<Started> {
  const connectionString = await freshDatabase(variant.database);
  const runner = await variant.library.run({
    connectionString,
    concurrency: CONCURRENCY,
    pollInterval: variant.pollInterval,
    noHandleSignals: true,
    taskList,
  });
  const utils = await variant.library.makeWorkerUtils(connectionString);
  return {
    ...variant,
    utils,
    stop: async () => {
      await Promise.allSettled([runner.stop(), utils.release()]);
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => sorted(values)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;
const median = (values: number[]) => percentile(values, 50);
const elapsed = (batch: Batch) => Math.max(...batch.ends) - batch.addedAt;
// Variants take turns, starting one later each round, so drift on the machine hits all of them alike.
const rotated = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length] as T);

type Row = { scenario: string; values: number[] };

async function measure(workers: Started[]): Promise<Row[]> {
  const serial: number[][] = workers.map(() => []);
  const handOff: number[][] = workers.map(() => []);
  const pickup: number[][] = workers.map(() => []);
  const parallel: number[][] = workers.map(() => []);
  const serialQueues = range(8).map(() => 'service:bench-serial');
  const fourQueues = range(4).flatMap((q) => range(4).map(() => `service:bench-${q}`));

  for (const round of range(REPETITIONS)) {
    for (const worker of rotated(workers, round)) {
      const i = workers.indexOf(worker);
      const batch = await runBatch(worker, serialQueues);
      serial[i]?.push(elapsed(batch));
      // Time from one job's end to the next job's start: the queue hand-off itself.
      const starts = sorted(batch.starts);
      const ends = sorted(batch.ends);
      for (const k of range(starts.length - 1)) handOff[i]?.push((starts[k + 1] ?? NaN) - (ends[k] ?? NaN));
    }
  }
  // One job at a time; the other variants' turns leave each worker idle before its next job.
  for (const round of range(PICKUP_SAMPLES)) {
    for (const worker of rotated(workers, round)) {
      const batch = await runBatch(worker, [null]);
      pickup[workers.indexOf(worker)]?.push((batch.starts[0] ?? NaN) - batch.addedAt);
    }
  }
  for (const round of range(REPETITIONS)) {
    for (const worker of rotated(workers, round)) {
      parallel[workers.indexOf(worker)]?.push(elapsed(await runBatch(worker, fourQueues)));
    }
  }

  return [
    { scenario: `(a) 1 queue × 8 jobs, total (median of ${REPETITIONS})`, values: serial.map(median) },
    { scenario: '(a) queue hand-off, end → next start (median)', values: handOff.map(median) },
    { scenario: `(b) pickup add → start, p50 (n=${PICKUP_SAMPLES})`, values: pickup.map(median) },
    { scenario: `(b) pickup add → start, p95 (n=${PICKUP_SAMPLES})`, values: pickup.map((v) => percentile(v, 95)) },
    { scenario: `(c) 4 queues × 4 jobs, total (median of ${REPETITIONS})`, values: parallel.map(median) },
  ];
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;

function printTable(workers: Started[], rows: Row[]): void {
  const baseline = workers[0]?.version ?? '';
  const header = ['scenario', ...workers.map((w) => w.label), ...workers.slice(1).map((w) => `${w.label} / ${baseline}`)];
  const lines = rows.map((row) => {
    const base = row.values[0] ?? NaN;
    return [row.scenario, ...row.values.map(ms), ...row.values.slice(1).map((v) => `×${(v / base).toFixed(2)}`)];
  });
  const widths = header.map((_, c) => Math.max(...[header, ...lines].map((line) => (line[c] ?? '').length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const began = performance.now();
  console.log(`graphile-worker queue pickup: concurrency ${CONCURRENCY}, ${JOB_MS} ms jobs, PostgreSQL at 127.0.0.1:5432`);
  const workers: Started[] = [];
  try {
    for (const variant of variants) workers.push(await start(variant));
    // Warm-up (connections, JIT, the queue rows) before anything is timed.
    for (const worker of workers) {
      await runBatch(worker, [null]);
      await runBatch(worker, ['service:bench-serial', 'service:bench-serial']);
    }
    const rows = await measure(workers);
    console.log();
    printTable(workers, rows);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  console.log(`\n${((performance.now() - began) / 1000).toFixed(1)} s`);
}

// A stuck worker must not hang `npm run bench`.
setTimeout(() => {
  console.error(`queue-pickup bench: still running after ${WHOLE_BENCH_LIMIT_MS / 1000} s; giving up`);
  process.exit(1);
}, WHOLE_BENCH_LIMIT_MS).unref();

main().catch((error: unknown) => {
  console.error('queue-pickup bench failed:', error);
  process.exitCode = 1;
});
