// Job pickup (issue 8): from a service.update's commit to the rollout task's start, p50/p99, and
// for a rollout queued behind a running one of the same service, from the earlier task's end (or
// the later commit, whichever is last) to the later task's start. Baseline in the same run, on the
// same worker and database: a bare graphile-worker addJob → task start, and the same hand-off
// between two bare jobs of one queue. Targets: p50 ≤ 10 ms, p99 ≤ 50 ms.
// Run: node bench/rollout-pickup.bench.ts [--rollouts 200] [--queued 100 (pairs)] [--services 4 (changed at once)]
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { prepareBenchDatabases } from './support/env.ts';
import { giveUpAfter, intFlag, ms, percentile, printTable, verdict } from './support/stats.ts';
import { commitTimed, startBenchWorker, type BenchWorker } from './support/worker.ts';

// The issue's numbers are 500 of each (`--rollouts 500 --queued 500`); on a shared 2-core machine
// under load that takes over 5 minutes, so the default is smaller.
const ROLLOUTS = intFlag('rollouts', 200);
const QUEUED = intFlag('queued', 100); // pairs: each sample is two rollouts
const SERVICES = intFlag('services', 4);
const SPEED = 1000; // simulated seconds per second: pods start at once, the rollout is Drucker's own work
const HOLD_MS = 100; // how long a baseline job holds its queue, about a rollout's length on kube-sim
giveUpAfter('rollout-pickup bench', 280_000);

await prepareBenchDatabases('pickup');
const { db, closeDb } = await import('../db/client.ts');
const { createService } = await import('../server/domain/services/create.ts');
const { updateService } = await import('../server/domain/services/update.ts');
const { listServices } = await import('../server/domain/services/queries.ts');
const { closeQueue } = await import('../server/jobs/queue.ts');
const { closePublisher } = await import('../server/live/publish.ts');
const { makeApplication } = await import('../test/deploy-fixtures.ts');
const { makeProject, makeUser } = await import('../test/fixtures.ts');
const { registerSimCluster } = await import('../test/kube-sim.ts');
const { startKubeSimProcess } = await import('./support/kube-sim-process.ts');
const { monitorEventLoopDelay } = await import('node:perf_hooks');
const { eventually } = await import('../test/wait.ts');

type Samples = { pickup: number[]; enqueue: number[]; handOff: number[]; notBehind: number };
const drucker: Samples = { pickup: [], enqueue: [], handOff: [], notBehind: 0 };
const bare: Samples = { pickup: [], enqueue: [], handOff: [], notBehind: 0 };

const began = performance.now();
const sim = await startKubeSimProcess(SPEED);
const loop = monitorEventLoopDelay({ resolution: 5 });
let worker: BenchWorker | undefined;
let utils: WorkerUtils | undefined;
try {
  const user = await makeUser('bench-pickup');
  const projectId = await makeProject(user, 'bench-pickup');
  const applicationId = await makeApplication(projectId, `pickup-${randomUUID().slice(0, 6)}`);
  // The row needs only the simulator's URL and kubeconfig.
  const clusterId = await registerSimCluster(projectId, sim as unknown as Parameters<typeof registerSimCluster>[1]);
  worker = await startBenchWorker();
  utils = await makeWorkerUtils({ connectionString: process.env.JOBS_DATABASE_URL! });
  const { timeline } = worker;

  const serviceIds: number[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const spec = { image: 'example/iris:1', replicas: 1, cpuRequest: '10m', memoryRequest: '16Mi' };
    serviceIds.push((await createService(db(), user.actor, projectId, { applicationId, clusterId, level: 'development', spec })).serviceId);
  }
  await eventually('the services to be running', async () => (await listServices(db(), projectId, { applicationId })).every((s) => s.status === 'running'), 120_000);

  let seq = 0;
  const update = async (serviceId: number) => {
    const timed = commitTimed(db());
    const { rolloutId } = await updateService(timed.db, user.actor, projectId, { serviceId, spec: { memo: `bench-${seq++}` } });
    if (rolloutId === null) throw new Error('the update made no rollout');
    return { rolloutId, committedAt: timed.committedAt(), enqueuedAt: performance.now() };
  };
  const addJob = async (queueName: string, holdMs = 0) => {
    const key = randomUUID();
    const addedAt = performance.now();
    await utils!.addJob('bench-job', { key, holdMs }, { queueName });
    return { key, addedAt };
  };
  // Each of the services (and as many bare queues) runs its changes one after another, all at once.
  const streams = async (count: number, step: (stream: number) => Promise<void>) => {
    let left = count;
    await Promise.all(
      serviceIds.map(async (_, stream) => {
        while (left > 0) {
          left--;
          await step(stream);
        }
      }),
    );
  };

  const druckerPickup = async (stream: number) => {
    const { rolloutId, committedAt, enqueuedAt } = await update(serviceIds[stream]!);
    drucker.pickup.push((await timeline.when(`start:rollout:${rolloutId}`)) - committedAt);
    drucker.enqueue.push(enqueuedAt - committedAt);
    await timeline.when(`end:rollout:${rolloutId}`);
  };
  const barePickup = async (stream: number) => {
    const { key, addedAt } = await addJob(`bench:${stream}`);
    bare.pickup.push((await timeline.when(`start:job:${key}`)) - addedAt);
    await timeline.when(`end:job:${key}`);
  };
  // The second change is committed while the first runs; it starts when the first ends.
  const druckerBehind = async (stream: number) => {
    const first = await update(serviceIds[stream]!);
    await timeline.when(`start:rollout:${first.rolloutId}`);
    const second = await update(serviceIds[stream]!);
    const started = await timeline.when(`start:rollout:${second.rolloutId}`);
    const firstEnded = await timeline.when(`end:rollout:${first.rolloutId}`);
    if (second.committedAt < firstEnded) drucker.handOff.push(started - firstEnded);
    else drucker.notBehind++;
    await timeline.when(`end:rollout:${second.rolloutId}`);
  };
  const bareBehind = async (stream: number) => {
    const first = await addJob(`bench:${stream}`, HOLD_MS);
    await timeline.when(`start:job:${first.key}`);
    const second = await addJob(`bench:${stream}`);
    const started = await timeline.when(`start:job:${second.key}`);
    const firstEnded = await timeline.when(`end:job:${first.key}`);
    if (second.addedAt < firstEnded) bare.handOff.push(started - firstEnded);
    else bare.notBehind++;
  };

  // Warm-up: connections, JIT, the queues' rows.
  await streams(SERVICES, druckerPickup);
  await streams(SERVICES, barePickup);
  drucker.pickup.length = 0;
  drucker.enqueue.length = 0;
  bare.pickup.length = 0;
  loop.enable();

  // Each stream alternates a Drucker change and a bare job on a queue of its own, so both are
  // measured under the same load (the other streams' rollouts running in this process and kube-sim).
  const progress = (what: string, done: number, of: number) => {
    if (done % 100 === 0) console.log(`  ${what}: ${done} of ${of} (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  };
  await streams(ROLLOUTS, async (s) => {
    await druckerPickup(s);
    await barePickup(s);
    progress('pickups', drucker.pickup.length, ROLLOUTS);
  });
  await streams(QUEUED, async (s) => {
    await druckerBehind(s);
    await bareBehind(s);
    progress('queued behind', drucker.handOff.length + drucker.notBehind, QUEUED);
  });

  // Every rollout must have succeeded, or the timings measured something else.
  const services = await listServices(db(), projectId, { applicationId });
  const failed = services.filter((s) => s.lastRollout?.status !== 'succeeded');
  if (failed.length > 0) throw new Error(`rollouts did not succeed: ${failed.map((s) => `${s.id} ${s.lastRollout?.status} ${s.lastRollout?.error}`).join('; ')}`);

  console.log(`rollout pickup: ${SERVICES} services changed at once, worker as workers/main.ts runs it (in-process), kube-sim (own process) at speed ${SPEED};\nbaseline: bare addJob → start on the same worker and database, alternating with Drucker's changes in each stream\n`);
  const rows = [
    { scenario: `commit → task start, p50 (n=${drucker.pickup.length})`, ours: percentile(drucker.pickup, 50), base: percentile(bare.pickup, 50), target: 10 },
    { scenario: `commit → task start, p99`, ours: percentile(drucker.pickup, 99), base: percentile(bare.pickup, 99), target: 50 },
    { scenario: `queued behind: previous end → start, p50 (n=${drucker.handOff.length})`, ours: percentile(drucker.handOff, 50), base: percentile(bare.handOff, 50), target: 10 },
    { scenario: `queued behind: previous end → start, p99`, ours: percentile(drucker.handOff, 99), base: percentile(bare.handOff, 99), target: 50 },
  ];
  printTable(
    ['scenario', 'Drucker', 'bare addJob', 'ratio', 'target'],
    rows.map((r) => [r.scenario, ms(r.ours), ms(r.base), `×${(r.ours / r.base).toFixed(2)}`, verdict(r.ours, r.target)]),
  );
  loop.disable();
  console.log(`\nof which Drucker's enqueue after the commit (one addJob): p50 ${ms(percentile(drucker.enqueue, 50))}, p99 ${ms(percentile(drucker.enqueue, 99))}`);
  console.log(`\nthis process's event loop delay while measuring: p50 ${ms(loop.percentile(50) / 1e6)}, p99 ${ms(loop.percentile(99) / 1e6)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  if (drucker.notBehind + bare.notBehind > 0) console.log(`\n(${drucker.notBehind} Drucker and ${bare.notBehind} bare second changes came after the first had ended; counted out)`);
} finally {
  await worker?.stop();
  await utils?.release();
  await Promise.allSettled([closeQueue(), closePublisher()]);
  await closeDb();
  await sim.close();
}
console.log(`\n${((performance.now() - began) / 1000).toFixed(1)} s`);
