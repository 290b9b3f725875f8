// Rollout overhead (issue 8): when Drucker marks a rollout succeeded (the row's finishedAt) minus
// when kube-sim's Deployment became complete, median over 100 rollouts. "Complete" is read off
// kube-sim's own store (its change feed, in this process), judged as `kubectl rollout status`
// judges it. Baseline in the same run: a bare watch of the same Deployment over HTTPS noticing
// completion. Target: ≤ 100 ms. Run: node bench/rollout-overhead.bench.ts [--rollouts 100]
import { cpus, loadavg } from 'node:os';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { prepareBenchDatabases } from './support/env.ts';
import { giveUpAfter, intFlag, ms, percentile, printTable, verdict } from './support/stats.ts';
import { startBenchWorker, type BenchWorker } from './support/worker.ts';

const ROLLOUTS = intFlag('rollouts', 100);
// A pod takes 3 simulated seconds to start and be ready: 600 ms here. Faster, kube-sim completes the
// Deployment before the worker (which opens its watches after the apply, 200–300 ms on a loaded
// machine) is watching, and this would time watch set-up instead of noticing completion.
const SPEED = 5;
giveUpAfter('rollout-overhead bench', 240_000);

await prepareBenchDatabases('overhead');
const { eq } = await import('drizzle-orm');
const { db, closeDb } = await import('../db/client.ts');
const { rollouts } = await import('../db/schema/rollouts.ts');
const { judgeRollout } = await import('../server/domain/rollouts/completion.ts');
const { createService } = await import('../server/domain/services/create.ts');
const { updateService } = await import('../server/domain/services/update.ts');
const { getService } = await import('../server/domain/services/queries.ts');
const { closeQueue } = await import('../server/jobs/queue.ts');
const { closePublisher } = await import('../server/live/publish.ts');
const { openConnection } = await import('../server/kube/connection.ts');
const { resolveKubeconfig } = await import('../server/kube/kubeconfig.ts');
const { makeApplication } = await import('../test/deploy-fixtures.ts');
const { makeProject, makeUser } = await import('../test/fixtures.ts');
const { registerSimCluster, startTestKubeSim } = await import('../test/kube-sim.ts');
const { Timeline } = await import('./support/timeline.ts');

const complete = (deployment: Deployment) => judgeRollout({ deployment, pods: [] }).state === 'complete';
/** Wall-clock ms of a performance.now() reading, to compare with the database's timestamps. */
const wall = (now: number) => performance.timeOrigin + now;

const began = performance.now();
const sim = await startTestKubeSim({ speed: SPEED });
const seen = new Timeline(); // `store:<generation>` and `watch:<generation>`: when each saw it complete
let worker: BenchWorker | undefined;
const watchAbort = new AbortController();
try {
  const user = await makeUser('bench-overhead');
  const projectId = await makeProject(user, 'bench-overhead');
  const applicationId = await makeApplication(projectId, 'overhead');
  const clusterId = await registerSimCluster(projectId, sim);
  worker = await startBenchWorker();
  const spec = { image: 'example/iris:1', replicas: 1, cpuRequest: '10m', memoryRequest: '16Mi' };
  const { serviceId, rolloutId: first } = await createService(db(), user.actor, projectId, { applicationId, clusterId, level: 'development', spec });
  await worker.timeline.when(`end:rollout:${first}`, 60_000);
  const { namespace, k8sName } = await getService(db(), projectId, serviceId);

  // The reference: kube-sim's store writing the Deployment's status that makes it complete.
  sim.store.subscribe((event) => {
    if (event.resource !== 'deployments.apps' || event.object.metadata.name !== k8sName || event.type === 'DELETED') return;
    const deployment = event.object as unknown as Deployment;
    if (complete(deployment)) seen.mark(`store:${deployment.metadata?.generation}`);
  });

  // The baseline: a client watching the same Deployment over HTTPS, as any controller would.
  const connection = await openConnection(resolveKubeconfig(sim.kubeconfig));
  const response = await connection.stream({
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    query: { watch: 1, fieldSelector: `metadata.name=${k8sName}`, timeoutSeconds: 600 },
    signal: watchAbort.signal,
    timeoutMs: 0,
  });
  const watching = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      const at = performance.now();
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const { object } = JSON.parse(line) as { object: Deployment };
        if (complete(object)) seen.mark(`watch:${object.metadata?.generation}`, at);
      }
    }
  })().catch((error: unknown) => {
    if (!watchAbort.signal.aborted) throw error;
  });

  const drucker: number[] = [];
  const taskEnd: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < ROLLOUTS; i++) {
    const { rolloutId } = await updateService(db(), user.actor, projectId, { serviceId, spec: { memo: `overhead-${i}` } });
    const ended = await worker.timeline.when(`end:rollout:${rolloutId!}`, 60_000);
    const [row] = await db().select({ status: rollouts.status, finishedAt: rollouts.finishedAt, error: rollouts.error }).from(rollouts).where(eq(rollouts.id, rolloutId!));
    if (row?.status !== 'succeeded' || !row.finishedAt) throw new Error(`rollout ${rolloutId} ended ${row?.status}: ${row?.error}`);
    const generation = sim.store.get('deployments.apps', namespace, k8sName)?.metadata.generation;
    const completedAt = await seen.when(`store:${generation}`, 10_000);
    const noticedAt = await seen.when(`watch:${generation}`, 10_000);
    drucker.push(row.finishedAt.getTime() - wall(completedAt));
    taskEnd.push(ended - completedAt);
    baseline.push(noticedAt - completedAt);
  }
  const negative = drucker.filter((value) => value < -2).length;
  if (negative > 0) throw new Error(`${negative} rollouts finished before kube-sim's Deployment was complete: the clocks or the judgement disagree`);

  console.log(`rollout overhead: ${ROLLOUTS} updates of one service (1 replica), worker as workers/main.ts runs it (in-process), kube-sim at speed ${SPEED} (in-process)\n`);
  printTable(
    ['after the Deployment became complete', 'p50', 'p90', 'max', 'target (p50)'],
    [
      ['Drucker: the rollout row finishedAt (succeeded)', ms(percentile(drucker, 50)), ms(percentile(drucker, 90)), ms(Math.max(...drucker)), verdict(percentile(drucker, 50), 100)],
      ['Drucker: the rollout task returned', ms(percentile(taskEnd, 50)), ms(percentile(taskEnd, 90)), ms(Math.max(...taskEnd)), ''],
      ['baseline: a bare watch of the Deployment noticed', ms(percentile(baseline, 50)), ms(percentile(baseline, 90)), ms(Math.max(...baseline)), ''],
    ],
  );
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs; finishedAt has millisecond resolution`);
  watchAbort.abort();
  await watching;
  await connection.destroy();
} finally {
  watchAbort.abort();
  await worker?.stop();
  await Promise.allSettled([closeQueue(), closePublisher()]);
  await closeDb();
  await sim.close();
}
console.log(`\n${((performance.now() - began) / 1000).toFixed(1)} s`);
