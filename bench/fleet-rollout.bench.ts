// 200 services rolling out at once over 10 kube-sim clusters (issue 8): all must succeed (exit 1
// otherwise); the worker's peak RSS, sampled from /proc while workers/main.ts runs them as its own
// process (target ≤ 300 MiB; baseline: the same worker idle, before them); and the application
// page's server response time with 200 services (target ≤ 150 ms): the tRPC queries the page makes
// (`application.get`, `service.list`), over HTTP against `next start` when a build exists (.next),
// and in-process through the router; baseline: the same queries for an application of 3 services.
// Run: node bench/fleet-rollout.bench.ts [--services 200] [--clusters 10] [--requests 40]
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { prepareBenchDatabases } from './support/env.ts';
import { giveUpAfter, intFlag, ms, percentile, printTable, verdict } from './support/stats.ts';

const SERVICES = intFlag('services', 200);
const CLUSTERS = intFlag('clusters', 10);
const REQUESTS = intFlag('requests', 40);
const SPEED = 50;
const MiB = 1024 * 1024;
const root = path.resolve(import.meta.dirname, '..');
giveUpAfter('fleet-rollout bench', 280_000);

await prepareBenchDatabases('fleet');
const { and, eq, inArray, count } = await import('drizzle-orm');
const { db, closeDb } = await import('../db/client.ts');
const { rollouts } = await import('../db/schema/rollouts.ts');
const { services } = await import('../db/schema/services.ts');
const { serviceLevels } = await import('../db/schema/common.ts');
const { createService } = await import('../server/domain/services/create.ts');
const { closeQueue } = await import('../server/jobs/queue.ts');
const { makeApplication } = await import('../test/deploy-fixtures.ts');
const { callerAs, makeProject, makeToken, makeUser } = await import('../test/fixtures.ts');
const { registerSimCluster, startTestKubeSim } = await import('../test/kube-sim.ts');
const { startWorkerProcess } = await import('../test/worker-process.ts');
const { eventually } = await import('../test/wait.ts');

type Sim = Awaited<ReturnType<typeof startTestKubeSim>>;

function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Samples a process's resident memory every 50 ms; peak() is the largest seen. */
function rssSampler(pid: number) {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(sample, 50);
  sample();
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

async function timeRequests(call: () => Promise<unknown>): Promise<number[]> {
  await call(); // warm (JIT, connections, Next's route compilation on first hit)
  await call();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

async function startNext(port: number): Promise<ChildProcess | undefined> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return undefined;
  const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: `http://localhost:${port}`, PORT: String(port) },
    stdio: 'ignore',
  });
  await eventually(`next start on port ${port}`, async () => (await fetch(`http://localhost:${port}/sign-in`)).ok, 60_000);
  return child;
}

const began = performance.now();
const sims: Sim[] = [];
let worker: ReturnType<typeof startWorkerProcess> | undefined;
let web: ChildProcess | undefined;
let exitCode = 0;
try {
  for (let i = 0; i < CLUSTERS; i++) sims.push(await startTestKubeSim({ speed: SPEED }));
  const user = await makeUser('bench-fleet');
  const projectId = await makeProject(user, 'bench-fleet');
  const applicationId = await makeApplication(projectId, 'fleet');
  const smallApplicationId = await makeApplication(projectId, 'small');
  const clusterIds: number[] = [];
  for (const sim of sims) clusterIds.push(await registerSimCluster(projectId, sim));

  // BENCH_WORKER_NODE_OPTIONS tries V8 settings on the worker alone (e.g. --max-old-space-size=128, which
  // wins over WORKER_MAX_OLD_SPACE_MB); WORKER_MAX_OLD_SPACE_MB=0 runs it with Node's default heap limit.
  worker = startWorkerProcess({ LOG_LEVEL: 'info', NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? '' });
  await worker.seen(/worker started/, 120_000);
  const pid = worker.child.pid!;
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let start-up garbage settle
  const idleRss = rssOf(pid);
  const sampler = rssSampler(pid);

  // All at once: every create in parallel (the pool queues them), spread over clusters and levels.
  const spec = { image: 'example/iris:1', replicas: 2, cpuRequest: '10m', memoryRequest: '16Mi' };
  const rolloutStart = performance.now();
  const created = await Promise.all(
    Array.from({ length: SERVICES }, (_, i) =>
      createService(db(), user.actor, projectId, { applicationId, clusterId: clusterIds[i % CLUSTERS]!, level: serviceLevels[i % serviceLevels.length]!, spec }),
    ),
  );
  for (let i = 0; i < 3; i++) await createService(db(), user.actor, projectId, { applicationId: smallApplicationId, clusterId: clusterIds[0]!, level: 'development', spec });
  const ids = created.map((c) => c.rolloutId);
  const byStatus = async () =>
    Object.fromEntries((await db().select({ status: rollouts.status, n: count() }).from(rollouts).where(inArray(rollouts.id, ids)).groupBy(rollouts.status)).map((r) => [r.status, r.n]));
  const final = await eventually(
    `${SERVICES} rollouts to end`,
    async () => {
      const counts = await byStatus();
      return (counts.queued ?? 0) + (counts.running ?? 0) === 0 && counts;
    },
    180_000,
  );
  const rolloutSeconds = (performance.now() - rolloutStart) / 1000;
  sampler.stop();
  const succeeded = final.succeeded ?? 0;
  const running = await db().select({ n: count() }).from(services).where(and(eq(services.applicationId, applicationId), eq(services.status, 'running')));

  // The application page's queries.
  const caller = callerAs(user.actor);
  const pageQueries = (id: number) => () => Promise.all([caller.application.get({ applicationId: id }), caller.service.list({ applicationId: id })]);
  const inProcess = await timeRequests(pageQueries(applicationId));
  const inProcessSmall = await timeRequests(pageQueries(smallApplicationId));
  const listed = await caller.service.list({ applicationId });

  const port = Number(process.env.E2E_PORT_BASE ?? 4600) + 90;
  web = await startNext(port);
  let http: number[] = [];
  let httpSmall: number[] = [];
  let bodyBytes = 0;
  if (web) {
    const { token } = await makeToken(projectId, user, 'viewer');
    const get = (id: number) => async () => {
      // One batched GET, as the page's tRPC client sends its queries.
      const input = encodeURIComponent(JSON.stringify({ 0: { applicationId: id }, 1: { applicationId: id } }));
      const response = await fetch(`http://localhost:${port}/api/trpc/application.get,service.list?batch=1&input=${input}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (!response.ok) throw new Error(`GET service.list: ${response.status} ${text.slice(0, 300)}`);
      bodyBytes = text.length;
    };
    httpSmall = await timeRequests(get(smallApplicationId));
    http = await timeRequests(get(applicationId));
  }

  console.log(`fleet: ${SERVICES} services created at once over ${CLUSTERS} kube-sim clusters (speed ${SPEED}, in this process); worker = workers/main.ts as its own process\n`);
  printTable(
    ['figure', 'measured', 'baseline', 'target'],
    [
      [`rollouts succeeded (of ${SERVICES})`, String(succeeded), '', succeeded === SERVICES ? 'PASS' : 'FAIL'],
      ['services running', String(running[0]?.n ?? 0), '', ''],
      ['all ended after', `${rolloutSeconds.toFixed(1)} s`, '', ''],
      ['worker RSS, peak (baseline: idle)', `${(sampler.peak() / MiB).toFixed(0)} MiB`, `${(idleRss / MiB).toFixed(0)} MiB`, sampler.peak() <= 300 * MiB ? 'PASS (≤ 300 MiB)' : 'MISS (> 300 MiB)'],
      [`page queries over HTTP, p50 (n=${http.length}; baseline: 3 services)`, ms(percentile(http, 50)), ms(percentile(httpSmall, 50)), web ? verdict(percentile(http, 50), 150) : 'no build (.next): skipped'],
      ['page queries over HTTP, p95', ms(percentile(http, 95)), ms(percentile(httpSmall, 95)), ''],
      [`page queries in-process, p50 (n=${inProcess.length})`, ms(percentile(inProcess, 50)), ms(percentile(inProcessSmall, 50)), web ? '' : verdict(percentile(inProcess, 50), 150)],
      ['page queries in-process, p95', ms(percentile(inProcess, 95)), ms(percentile(inProcessSmall, 95)), ''],
    ],
  );
  console.log(`\nservice.list returned ${listed.length} services${bodyBytes ? ` (${(bodyBytes / 1024).toFixed(0)} KiB over HTTP)` : ''}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  // Rollouts that did not succeed are a deterministic failure, unlike the timings.
  if (succeeded !== SERVICES) {
    console.error(`not every rollout succeeded: ${JSON.stringify(final)}`);
    exitCode = 1;
  }
} finally {
  if (web && web.exitCode === null) {
    const exited = new Promise((resolve) => web!.once('exit', resolve));
    web.kill('SIGTERM');
    await exited;
  }
  if (worker && worker.child.exitCode === null) {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
  await closeQueue();
  await closeDb();
  await Promise.all(sims.map((sim) => sim.close()));
}
console.log(`\n${((performance.now() - began) / 1000).toFixed(1)} s`);
process.exit(exitCode);
