import { request, Agent } from 'node:https';
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../src/index.ts';

// Shared by the API conformance suites: a kube-sim over TLS, the typed clients, and a raw HTTPS
// helper for what the typed clients cannot express (missing token, odd content types, /_sim/).

export type Harness = {
  sim: KubeSim;
  kc: k8s.KubeConfig;
  core: k8s.CoreV1Api;
  apps: k8s.AppsV1Api;
  net: k8s.NetworkingV1Api;
  hpa: k8s.AutoscalingV2Api;
  objects: k8s.KubernetesObjectApi;
  raw: (method: string, path: string, opts?: RawOptions) => Promise<RawResponse>;
};

export type RawOptions = { body?: unknown; contentType?: string; token?: string | null; accept?: string };
export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: () => Record<string, unknown> };

export async function startHarness(opts: KubeSimOptions = {}): Promise<Harness> {
  const sim = await startKubeSim({ tls: true, speed: 50, ...opts });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const agent = new Agent({ ca: sim.caPem, keepAlive: false });
  const raw = (method: string, path: string, o: RawOptions = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      const token = o.token === undefined ? sim.token : o.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (o.accept !== undefined) headers.accept = o.accept;
      const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      if (body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
      const req = request(`${sim.url}${path}`, { method, agent, headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    sim,
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    net: kc.makeApiClient(k8s.NetworkingV1Api),
    hpa: kc.makeApiClient(k8s.AutoscalingV2Api),
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
    raw,
  };
}

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function makeNamespace(h: Harness, prefix = 'ns'): Promise<string> {
  const name = unique(prefix);
  await h.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** The Status a failed client-node call carried (ApiException.body is the raw JSON text). */
export async function statusOf(p: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof k8s.ApiException) {
      const body = typeof e.body === 'string' ? (JSON.parse(e.body) as Record<string, unknown>) : {};
      return { code: e.code, status: body };
    }
    throw e;
  }
  throw new Error('expected the call to fail');
}

export function deployment(name: string, image = 'nginx:1.25', replicas = 1): k8s.V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image, env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 8080 }] }] } },
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
