import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimCluster, type SimCluster } from '../../../test/kube-sim.ts';
import type { ClusterClient } from '../../kube/cluster-client.ts';
import { renderInput } from '../manifests/fixtures.ts';
import { renderService } from '../manifests/render.ts';
import { judgeRollout, type Completion } from './completion.ts';

// The judgement on what kube-sim's controllers really report: a good image completes, a bad one
// fails at the progress deadline with the pod's own reason.

let client: ClusterClient;
let cluster: SimCluster;

beforeAll(async () => {
  cluster = await startSimCluster({ speed: 60 });
  ({ client } = cluster);
});
afterAll(async () => {
  await cluster.close();
});

async function rollOut(image: string, k8sName: string, id: number): Promise<Completion> {
  const input = renderInput({ spec: { image, replicas: 2, progressDeadlineSeconds: 30 }, service: { id, k8sName, namespace: 'judge', level: 'development' } });
  await client.apply(renderService(input).objects);
  let verdict: Completion | undefined;
  await client.watchDeployment('judge', k8sName, async (deployment) => {
    const selector = `drucker.io/service-id=${id}`;
    const [pods, replicaSets] = await Promise.all([
      client.listPods('judge', selector),
      client.listByLabel({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, selector, { namespace: 'judge' }),
    ]);
    const events = await client.listEvents('judge', [k8sName, ...pods.map((p) => p.metadata?.name ?? '')]);
    verdict = judgeRollout({ deployment, pods, events, replicaSets: replicaSets as ReplicaSet[] });
    return verdict.state !== 'progressing';
  });
  if (!verdict) throw new Error('no verdict');
  return verdict;
}

describe('judgeRollout on kube-sim', () => {
  it('completes a good image', async () => {
    const verdict = await rollOut('example/iris:1', 'iris-development-good01', 801);
    expect(verdict).toMatchObject({ state: 'complete', progress: { desired: 2, updated: 2, available: 2, percent: 100 } });
    expect(verdict.pods.filter((p) => p.ready)).toHaveLength(2);
  });

  it("fails a bad image at the progress deadline with the pod's own reason", async () => {
    const verdict = await rollOut('example/iris:bad-pull-1', 'iris-development-bad001', 802);
    expect(verdict.state).toBe('failed');
    expect(verdict.message).toMatch(/^deployment "iris-development-bad001" exceeded its progress deadline: ImagePullBackOff: example\/iris:bad-pull-1 \(pod iris-development-bad001-/);
    expect(verdict.events.some((e) => e.type === 'Warning')).toBe(true);
  });
});
