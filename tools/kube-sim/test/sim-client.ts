import { Agent } from 'node:https';
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../src/index.ts';

// What the controller integration tests share: a kube-sim over TLS, the typed clients a real
// caller would use, and small helpers to wait on cluster state.

export type SimClients = {
  sim: KubeSim;
  kc: k8s.KubeConfig;
  apps: k8s.AppsV1Api;
  core: k8s.CoreV1Api;
  autoscaling: k8s.AutoscalingV2Api;
  /** POST/GET a /_sim/ admin route with the cluster's token and CA. */
  admin: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;
};

export async function startSim(opts: KubeSimOptions = {}): Promise<SimClients> {
  const sim = await startKubeSim({ tls: true, speed: 100, ...opts });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const agent = new Agent({ ca: sim.caPem });
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const { request } = await import('node:https');
    return new Promise((resolve, reject) => {
      const req = request(`${sim.url}${path}`, { method, agent, headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const parsed: unknown = text ? JSON.parse(text) : undefined;
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(parsed);
        });
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  };
  return {
    sim,
    kc,
    apps: kc.makeApiClient(k8s.AppsV1Api),
    core: kc.makeApiClient(k8s.CoreV1Api),
    autoscaling: kc.makeApiClient(k8s.AutoscalingV2Api),
    admin,
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function newNamespace(c: SimClients, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await c.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function deployment(name: string, image: string, spec: Partial<k8s.V1DeploymentSpec> = {}): k8s.V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...spec,
    },
  };
}

export async function setImage(c: SimClients, namespace: string, name: string, image: string): Promise<void> {
  const d = await c.apps.readNamespacedDeployment({ namespace, name });
  const container = d.spec?.template.spec?.containers[0];
  if (!container) throw new Error('deployment without containers');
  container.image = image;
  await c.apps.replaceNamespacedDeployment({ namespace, name, body: d });
}

/** kubectl rollout status's test: the rollout is done. */
export function rolloutComplete(d: k8s.V1Deployment): boolean {
  const s = d.status;
  const want = d.spec?.replicas ?? 1;
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s?.updatedReplicas ?? 0) === want &&
    (s?.replicas ?? 0) === want &&
    (s?.availableReplicas ?? 0) === want
  );
}

export async function waitRolledOut(c: SimClients, namespace: string, name: string, timeoutMs?: number): Promise<k8s.V1Deployment> {
  return until(
    `deployment ${namespace}/${name} to roll out`,
    async () => {
      const d = await c.apps.readNamespacedDeployment({ namespace, name });
      return rolloutComplete(d) ? d : undefined;
    },
    timeoutMs,
  );
}

export async function eventMessages(c: SimClients, namespace: string, reason?: string): Promise<string[]> {
  const list = await c.core.listNamespacedEvent({ namespace });
  return list.items.filter((e) => !reason || e.reason === reason).map((e) => `${e.reason}: ${e.message}`);
}
