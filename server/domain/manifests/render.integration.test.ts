import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { startSimCluster, type SimCluster } from '../../../test/kube-sim.ts';
import type { ClusterClient, KubeObject } from '../../kube/cluster-client.ts';
import { renderInput } from './fixtures.ts';
import { renderService } from './render.ts';
import { objectsToRemove } from './refs.ts';

// Rendered objects against a cluster: applied by the gateway to kube-sim over HTTPS (where the
// Deployment must then roll out), and sent by the stock kubectl 1.32 as a server-side dry run,
// so a standard client agrees they are valid.

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

let sim: KubeSim;
let client: ClusterClient;
let cluster: SimCluster;
let dir: string;

function kubectl(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, [`--kubeconfig=${join(dir, 'kubeconfig')}`, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

function fullInput() {
  return renderInput({
    spec: { image: 'example/iris:1', replicas: 2, minReplicas: 2, maxReplicas: 4, cpuThreshold: 60, cpuLimit: '1', memoryLimit: '1Gi', env: [{ name: 'THREADS', value: '2' }] },
    cluster: { grpcAnnotationPreset: 'nghttpx', nodePinning: true, serviceDb: { host: 'mysql', port: 3306, database: 'drucker', user: 'svc' }, serviceDbPassword: 'pw' },
    application: { gitSshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nk\n-----END OPENSSH PRIVATE KEY-----' },
    model: { path: '/mnt/drucker-model/iris/iris-1/model.pkl' },
    service: { id: 5150, k8sName: 'iris-staging-r3nd3r', level: 'staging', namespace: 'render-test' },
  });
}

beforeAll(async () => {
  cluster = await startSimCluster({ speed: 40 });
  ({ sim, client } = cluster);
  dir = await mkdtemp(join(tmpdir(), 'drucker-render-'));
  await writeFile(join(dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

describe('rendered objects on a cluster', () => {
  it('are applied by server-side apply and the Deployment rolls out', async () => {
    const input = fullInput();
    const { objects } = renderService(input);
    const applied = await client.apply(objects);
    expect(applied.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`));
    let last: Deployment | null = null;
    await client.watchDeployment(input.service.namespace, input.service.k8sName, (d) => {
      last = d;
      const s = d?.status;
      return !!s && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) && (s.availableReplicas ?? 0) >= 2 && s.updatedReplicas === s.replicas;
    });
    expect(last).not.toBeNull();
    const pods = await client.listPods(input.service.namespace, 'drucker.io/service-id=5150');
    expect(pods.length).toBeGreaterThanOrEqual(2);
    // The level Service selects them all.
    const levelPods = await client.listPods(input.service.namespace, 'drucker.io/application-id=7,drucker.io/level=staging');
    expect(levelPods.map((p) => p.metadata?.name).sort()).toEqual(pods.map((p) => p.metadata?.name).sort());

    // Applying the same render again changes no spec (a retried rollout); the HPA keeps its count.
    const before = await client.getDeployment(input.service.namespace, input.service.k8sName);
    const again = await client.apply(renderService(input).objects);
    const after = again.find((o) => o.kind === 'Deployment') as (KubeObject & Deployment) | undefined;
    expect(after?.metadata.generation).toBe(before?.metadata?.generation);
    expect(after?.spec?.replicas).toBe(2);
  });

  it('are removed on delete, the level objects with the last service', async () => {
    const input = fullInput();
    const refs = objectsToRemove({ service: input.service, applicationName: input.application.name, lastOfLevel: true });
    await client.remove(refs);
    const left = await client.listByLabel({ apiVersion: 'apps/v1', kind: 'Deployment' }, 'drucker.io/service-id=5150');
    expect(left).toEqual([]);
    expect(sim.store.get('services', 'render-test', 'iris-staging')).toBeUndefined();
    expect(sim.store.get('ingresses.networking.k8s.io', 'render-test', 'iris-staging-r3nd3r')).toBeUndefined();
    expect(sim.store.get('namespaces', undefined, 'render-test')).toBeDefined();
  });

  it('pass kubectl 1.32 server-side dry runs, client and server-side apply', async () => {
    expect(existsSync(KUBECTL), `${KUBECTL} is needed for this test (see STACK-NOTES.md)`).toBe(true);
    const objects: KubeObject[] = renderService({ ...fullInput(), service: { ...fullInput().service, namespace: 'dry-run', k8sName: 'iris-staging-dryrun' } }).objects;
    const file = join(dir, 'rendered.yaml');
    await writeFile(file, objects.map((o) => stringify(o)).join('---\n'));
    // The namespace must exist for the namespaced dry runs.
    await client.apply(objects.slice(0, 1));
    const csa = await kubectl(['apply', '--dry-run=server', '--validate=strict', '-f', file]);
    expect(csa.out).toContain('deployment.apps/iris-staging-dryrun created (server dry run)');
    expect(csa.code, csa.out).toBe(0);
    const ssa = await kubectl(['apply', '--server-side', '--field-manager=drucker', '--dry-run=server', '--validate=strict', '-f', file]);
    expect(ssa.out).toContain('ingress.networking.k8s.io/iris-staging-dryrun serverside-applied (server dry run)');
    expect(ssa.code, ssa.out).toBe(0);
    const local = await kubectl(['apply', '--dry-run=client', '-f', file]);
    expect(local.code, local.out).toBe(0);
    expect(sim.store.get('deployments.apps', 'dry-run', 'iris-staging-dryrun')).toBeUndefined();
  });
});
