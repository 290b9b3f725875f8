// The kube gateway's request path against client-node's typed clients, side by side in one run
// against one kube-sim over TLS. client-node 2.x builds a new undici dispatcher (a new TLS
// connection) for every call; server/kube keeps one per cluster. Prints ms per request for
// sequential and 16-way concurrent reads, and the ratio. Run: node bench/kube-client.bench.ts
import * as k8s from '@kubernetes/client-node';
import { startKubeSim } from '../tools/kube-sim/src/index.ts';
import { openConnection } from '../server/kube/connection.ts';
import { resolveKubeconfig } from '../server/kube/kubeconfig.ts';

const REQUESTS = 300;
const ROUNDS = 3;

const sim = await startKubeSim({ port: 0 });
const kc = new k8s.KubeConfig();
kc.loadFromString(sim.kubeconfig);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const conn = await openConnection(resolveKubeconfig(sim.kubeconfig));
await conn.json({
  method: 'POST',
  path: '/apis/apps/v1/namespaces/default/deployments',
  body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench' }, spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } } },
});

const viaClientNode = () => apps.readNamespacedDeployment({ name: 'bench', namespace: 'default' });
const viaGateway = () => conn.json({ path: '/apis/apps/v1/namespaces/default/deployments/bench' });

async function run(op: () => Promise<unknown>, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < REQUESTS) await op();
    }),
  );
  return (performance.now() - started) / REQUESTS;
}

for (const concurrency of [1, 16]) {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(await run(viaClientNode, concurrency));
    b.push(await run(viaGateway, concurrency));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const [cn, gw] = [median(a), median(b)];
  console.log(`reads, ${concurrency === 1 ? 'sequential' : `${concurrency} at once`}: client-node typed client ${cn.toFixed(2)} ms/request, server/kube ${gw.toFixed(2)} ms/request — ×${(cn / gw).toFixed(1)}`);
}

await conn.close();
await sim.close();
process.exit(0);
