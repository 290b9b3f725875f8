// kube-sim under load: 10,000 objects and 200 concurrent watches against a server pinned to one
// core (taskset), with this load generator on the other. Prints the request rate sustained and
// how long a write takes to reach the watchers (p50/p95/p99). Run: node bench/kube-sim.bench.ts
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

const OBJECTS = 10_000;
const WATCHES = 200;
const NAMESPACES = 50;
const CONCURRENCY = 64;
const MIXED_SECONDS = 10;
const TOKEN = 'bench-token';

const now = (): number => performance.timeOrigin + performance.now();
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string; ca: string }> {
  const kubeconfig = join(dir, 'kubeconfig');
  const cli = join(import.meta.dirname, '..', 'tools', 'kube-sim', 'src', 'cli.ts');
  const args = [cli, '--port', '0', '--token', TOKEN, '--kubeconfig', kubeconfig];
  const child = hasTaskset ? spawn('taskset', ['-c', '0', process.execPath, ...args]) : spawn(process.execPath, args);
  child.stderr?.pipe(process.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (https:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`kube-sim exited with ${code}: ${out}`)));
  });
  const cfg = parseYaml(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: Record<string, string> }[] };
  const ca = Buffer.from(cfg.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString();
  return { child, url, ca };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  // Keep the load generator off the server's core.
  if (hasTaskset) spawnSync('taskset', ['-cp', '1', String(process.pid)]);
  const startLoad = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'kube-sim-bench-'));
  const { child, url, ca } = await startServer(dir);
  const agent = new Agent({ ca, keepAlive: true, maxSockets: CONCURRENCY });
  const watchAgent = new Agent({ ca, keepAlive: true, maxSockets: WATCHES + 8 });

  const call = (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(`${url}${path}`, { method, agent, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': contentType } : {}) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  const latencies: number[] = [];
  let delivered = 0;
  const watchReqs: ReturnType<typeof request>[] = [];
  try {
    for (let n = 0; n < NAMESPACES; n++) await call('POST', '/api/v1/namespaces', { metadata: { name: `bench-${n}` } });
    // 200 watches, four per namespace, each started from "now" so they see only the load below.
    await Promise.all(Array.from({ length: WATCHES }, (_, i) => new Promise<void>((resolve, reject) => {
      const ns = `bench-${i % NAMESPACES}`;
      const req = request(`${url}/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=0`, { agent: watchAgent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            const ev = JSON.parse(line) as { object: { metadata: { annotations?: Record<string, string> } } };
            const sent = Number(ev.object.metadata.annotations?.['bench/sent']);
            if (sent) latencies.push(now() - sent);
            delivered++;
          }
        });
        res.on('error', () => {});
        resolve();
      });
      req.on('error', reject);
      req.end();
      watchReqs.push(req);
    })));

    // Phase 1: create 10,000 ConfigMaps.
    let next = 0;
    let t0 = now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < OBJECTS) {
        const i = next++;
        const status = await call('POST', `/api/v1/namespaces/bench-${i % NAMESPACES}/configmaps`, {
          metadata: { name: `cm-${i}`, labels: { shard: String(i % 10) }, annotations: { 'bench/sent': String(now()) } },
          data: { payload: 'x'.repeat(200) },
        });
        if (status !== 201) throw new Error(`create cm-${i}: ${status}`);
      }
    }));
    const createSecs = (now() - t0) / 1000;
    const createRate = OBJECTS / createSecs;
    await new Promise((r) => setTimeout(r, 500));
    const createLat = latencies.splice(0).sort((a, b) => a - b);

    // Phase 2: a mixed load for a fixed time: 60% get, 30% merge patch, 10% labelled list (200 objects).
    let requests = 0;
    let errors = 0;
    t0 = now();
    const until = t0 + MIXED_SECONDS * 1000;
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
      let k = worker;
      while (now() < until) {
        const i = (k * 7919) % OBJECTS;
        const ns = `bench-${i % NAMESPACES}`;
        const roll = k % 10;
        k += CONCURRENCY;
        let status: number;
        if (roll < 6) status = await call('GET', `/api/v1/namespaces/${ns}/configmaps/cm-${i}`);
        else if (roll < 9) status = await call('PATCH', `/api/v1/namespaces/${ns}/configmaps/cm-${i}`, { metadata: { annotations: { 'bench/sent': String(now()) } } }, 'application/merge-patch+json');
        else status = await call('GET', `/api/v1/namespaces/${ns}/configmaps?labelSelector=shard%3D${i % 10}`);
        if (status >= 300) errors++;
        requests++;
      }
    }));
    const mixedSecs = (now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const mixedLat = latencies.splice(0).sort((a, b) => a - b);

    const fmt = (n: number) => n.toFixed(1);
    console.log(`kube-sim bench: ${OBJECTS} ConfigMaps in ${NAMESPACES} namespaces, ${WATCHES} watches (4 per namespace), ${CONCURRENCY} concurrent HTTPS keep-alive clients`);
    console.log(`server on one core: ${hasTaskset ? 'yes (taskset -c 0; load generator on core 1)' : 'no (taskset not found)'}; machine load average before the run ${startLoad.toFixed(2)} (other work on the machine lowers these figures)`);
    console.log(`create:  ${OBJECTS} in ${fmt(createSecs)} s = ${createRate.toFixed(0)} req/s; watch delivery p50 ${fmt(percentile(createLat, 50))} ms, p95 ${fmt(percentile(createLat, 95))} ms, p99 ${fmt(percentile(createLat, 99))} ms (${createLat.length} deliveries)`);
    console.log(`mixed:   ${requests} requests in ${fmt(mixedSecs)} s = ${(requests / mixedSecs).toFixed(0)} req/s (60% get, 30% patch, 10% list of 200), ${errors} errors; watch delivery p50 ${fmt(percentile(mixedLat, 50))} ms, p95 ${fmt(percentile(mixedLat, 95))} ms, p99 ${fmt(percentile(mixedLat, 99))} ms (${mixedLat.length} deliveries)`);
    console.log(`watch events delivered in total: ${delivered}`);
  } finally {
    for (const r of watchReqs) r.destroy();
    agent.destroy();
    watchAgent.destroy();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
