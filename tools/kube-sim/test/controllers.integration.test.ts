import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { deployment, eventMessages, newNamespace, rolloutComplete, setImage, startSim, until, waitRolledOut, type SimClients } from './sim-client.ts';

// The controllers seen from outside, through @kubernetes/client-node over TLS: what a rollout
// engine would observe on a real cluster.

let c: SimClients;
beforeAll(async () => {
  c = await startSim({ speed: 100 });
});
afterAll(async () => {
  await c.sim.close();
});

type PodView = { template: string; ready: boolean };

/** Mirrors the namespace's pods from a watch, calling `check` after every event. */
async function watchPods(namespace: string, check: (pods: Map<string, PodView>) => void): Promise<{ stop: () => void; errors: unknown[] }> {
  const pods = new Map<string, PodView>();
  const errors: unknown[] = [];
  const put = (pod: k8s.V1Pod) => {
    const ready = pod.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
    pods.set(pod.metadata?.name ?? '', { template: pod.metadata?.labels?.['pod-template-hash'] ?? '', ready });
  };
  // List, then watch from the list's resourceVersion: the informer pattern, so every check sees
  // the whole namespace and not a partial initial replay.
  const list = await c.core.listNamespacedPod({ namespace });
  for (const pod of list.items) put(pod);
  const ctl = await new k8s.Watch(c.kc).watch(
    `/api/v1/namespaces/${namespace}/pods`,
    { resourceVersion: list.metadata?.resourceVersion },
    (type: string, pod: k8s.V1Pod) => {
      if (type === 'DELETED') pods.delete(pod.metadata?.name ?? '');
      else put(pod);
      try {
        check(pods);
      } catch (err) {
        errors.push(err);
      }
    },
    () => {},
  );
  return { stop: () => ctl.abort(), errors };
}

describe('deployment controller', () => {
  it('rolls out with maxSurge and maxUnavailable respected at every step, and records events', async () => {
    const ns = await newNamespace(c, 'roll');
    const spec = { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } };
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', 'nginx:1.26', spec) });
    const first = await waitRolledOut(c, ns, 'web');
    expect(first.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    let maxTotal = 0;
    let minReady = Infinity;
    const templates = new Set<string>();
    const w = await watchPods(ns, (pods) => {
      maxTotal = Math.max(maxTotal, pods.size);
      minReady = Math.min(minReady, [...pods.values()].filter((p) => p.ready).length);
      for (const p of pods.values()) templates.add(p.template);
    });
    await setImage(c, ns, 'web', 'nginx:1.27');
    const done = await waitRolledOut(c, ns, 'web');
    w.stop();
    expect(w.errors).toEqual([]);
    expect(maxTotal).toBe(5); // desired 4 + surge 1, reached but never passed
    expect(minReady).toBeGreaterThanOrEqual(3); // desired 4 - unavailable 1
    expect(templates.size).toBe(2);

    expect(done.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(done.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    const progressing = done.status?.conditions?.find((x) => x.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(progressing?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has successfully progressed\.$/);
    expect(done.status?.conditions?.find((x) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });

    const rsList = (await c.apps.listNamespacedReplicaSet({ namespace: ns })).items;
    expect(rsList).toHaveLength(2);
    for (const rs of rsList) {
      const hash = rs.metadata?.labels?.['pod-template-hash'];
      expect(rs.metadata?.name).toBe(`web-${hash}`);
      expect(rs.spec?.selector.matchLabels?.['pod-template-hash']).toBe(hash);
      expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    }
    const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
    expect(pods).toHaveLength(4);
    for (const pod of pods) {
      expect(pod.spec?.nodeName).toBe('kube-sim-node');
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toMatch(/^10\.244\./);
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', started: true });
      expect(pod.status?.containerStatuses?.[0]?.state?.running?.startedAt).toBeDefined();
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
      expect(pod.metadata?.name).toMatch(new RegExp(`^${pod.metadata?.ownerReferences?.[0]?.name}-[a-z0-9]{5}$`));
    }

    const scaling = await eventMessages(c, ns, 'ScalingReplicaSet');
    expect(scaling).toContainEqual(expect.stringMatching(/^ScalingReplicaSet: Scaled up replica set web-\w+ to 4$/));
    expect(scaling).toContainEqual(expect.stringMatching(/^ScalingReplicaSet: Scaled down replica set web-\w+ to 0 from 1$/));
    const all = await eventMessages(c, ns);
    for (const reason of ['SuccessfulCreate: Created pod: web-', 'SuccessfulDelete: Deleted pod: web-', 'Scheduled: Successfully assigned', 'Pulling: Pulling image "nginx:1.27"', 'Pulled: Successfully pulled image', 'Created: Created container: app', 'Started: Started container app']) {
      expect(all.some((m) => m.startsWith(reason)), reason).toBe(true);
    }
    // kubectl describe finds an object's events this way.
    const uid = done.metadata?.uid ?? '';
    const forDeployment = await c.core.listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.kind=Deployment,involvedObject.name=web,involvedObject.uid=${uid}` });
    expect(forDeployment.items.length).toBeGreaterThan(0);
    for (const e of forDeployment.items) expect(e).toMatchObject({ reason: 'ScalingReplicaSet', type: 'Normal', source: { component: 'deployment-controller' }, count: 1 });
    const logs = await c.core.readNamespacedPodLog({ namespace: ns, name: pods[0]?.metadata?.name ?? '' });
    expect(logs).toContain('container app started');
  });

  it('rejects maxSurge and maxUnavailable both zero, as the apiserver does', async () => {
    const ns = await newNamespace(c, 'invalid');
    const body = deployment('z', 'app:1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } });
    const err = await c.apps.createNamespacedDeployment({ namespace: ns, body }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect((err as k8s.ApiException<string>).code).toBe(422);
    expect((err as k8s.ApiException<string>).body).toContain('may not be 0 when `maxSurge` is 0');
  });

  it('Recreate never runs old and new pods together', async () => {
    const ns = await newNamespace(c, 'recreate');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('db', 'postgres:16', { replicas: 3, strategy: { type: 'Recreate' } }) });
    await waitRolledOut(c, ns, 'db');
    let mixed = false;
    let sawEmpty = false;
    const w = await watchPods(ns, (pods) => {
      if (new Set([...pods.values()].map((p) => p.template)).size > 1) mixed = true;
      if (pods.size === 0) sawEmpty = true;
    });
    await setImage(c, ns, 'db', 'postgres:17');
    await waitRolledOut(c, ns, 'db');
    w.stop();
    expect(mixed).toBe(false);
    expect(sawEmpty).toBe(true);
    const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
    expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(['postgres:17', 'postgres:17', 'postgres:17']);
  });

  it('re-applying an older template reuses its ReplicaSet with the next revision', async () => {
    const ns = await newNamespace(c, 'undo');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('api', 'app:v1', { replicas: 2 }) });
    await waitRolledOut(c, ns, 'api');
    const v1 = (await c.apps.listNamespacedReplicaSet({ namespace: ns })).items[0];
    await setImage(c, ns, 'api', 'app:v2');
    await waitRolledOut(c, ns, 'api');
    await setImage(c, ns, 'api', 'app:v1');
    const d = await waitRolledOut(c, ns, 'api');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const rsList = (await c.apps.listNamespacedReplicaSet({ namespace: ns })).items;
    expect(rsList).toHaveLength(2);
    const reused = rsList.find((rs) => rs.metadata?.uid === v1?.metadata?.uid);
    expect(reused?.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(reused?.spec?.replicas).toBe(2);
  });

  it('a failing image ends in ProgressDeadlineExceeded, with the kubelet reasons a real cluster shows', async () => {
    const ns = await newNamespace(c, 'deadline');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('bad', 'nginx:1.27', { replicas: 2 }) });
    await waitRolledOut(c, ns, 'bad');
    await setImage(c, ns, 'bad', 'nginx:bad-pull');
    const waiting = await until('ImagePullBackOff on the new pod', async () => {
      const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
      return pods.find((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
    });
    expect(waiting.status?.phase).toBe('Pending');
    expect(waiting.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe('Back-off pulling image "nginx:bad-pull"');
    // The deadline is 600 simulated seconds; jump there rather than wait.
    await c.admin('POST', '/_sim/clock', { advanceSeconds: 620 });
    const failed = await until('Progressing=False', async () => {
      const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'bad' });
      const cond = d.status?.conditions?.find((x) => x.type === 'Progressing');
      return cond?.status === 'False' ? { d, cond } : undefined;
    });
    expect(failed.cond.reason).toBe('ProgressDeadlineExceeded');
    expect(failed.cond.message).toMatch(/^ReplicaSet "bad-\w+" has timed out progressing\.$/);
    // The old pods still serve: maxUnavailable 25% of 2 rounds down to 0.
    expect(failed.d.status).toMatchObject({ availableReplicas: 2, updatedReplicas: 1, unavailableReplicas: 1 });
    expect(failed.d.status?.conditions?.find((x) => x.type === 'Available')?.status).toBe('True');
    const warnings = await eventMessages(c, ns, 'Failed');
    expect(warnings).toContainEqual(expect.stringMatching(/^Failed: Failed to pull image "nginx:bad-pull": rpc error: code = NotFound/));
    expect(warnings).toContain('Failed: Error: ImagePullBackOff');
    expect(await eventMessages(c, ns, 'BackOff')).toContain('BackOff: Back-off pulling image "nginx:bad-pull"');
  });

  it('CrashLoopBackOff containers restart with back-off and never become ready', async () => {
    const ns = await newNamespace(c, 'crash');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('boom', 'example/crashloop:1', { replicas: 1 }) });
    const pod = await until('two restarts', async () => {
      const p = (await c.core.listNamespacedPod({ namespace: ns })).items[0];
      return (p?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2 && p?.status?.containerStatuses?.[0]?.state?.waiting ? p : undefined;
    });
    const cs = pod.status?.containerStatuses?.[0];
    expect(pod.status?.phase).toBe('Running');
    expect(cs?.ready).toBe(false);
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.state?.waiting?.message).toMatch(/^back-off (20s|40s) restarting failed container=app pod=boom-/);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'boom' });
    expect(d.status?.availableReplicas ?? 0).toBe(0);
    expect(d.status?.conditions?.find((x) => x.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(await eventMessages(c, ns, 'BackOff')).toContainEqual(expect.stringMatching(/^BackOff: Back-off restarting failed container app in pod boom-/));
    const logs = await c.core.readNamespacedPodLog({ namespace: ns, name: pod.metadata?.name ?? '', container: 'app' });
    expect(logs).toContain('exiting with code 1');
  });

  it('counts pods as available only after minReadySeconds', async () => {
    const ns = await newNamespace(c, 'minready');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('slow', 'nginx:1.27', { replicas: 2, minReadySeconds: 30 }) });
    const ready = await until('both pods ready', async () => {
      const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'slow' });
      return d.status?.readyReplicas === 2 ? d : undefined;
    });
    expect(ready.status?.availableReplicas ?? 0).toBe(0);
    const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
    // Stamps are wall-clock time; the clock knows the simulated instant behind each Ready stamp.
    const readySince = Math.max(
      ...pods.map((p) => {
        const stamp = p.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime;
        return stamp ? c.sim.clock.simOf(`${p.metadata?.uid ?? ''}/Ready`, stamp.toISOString().replace('.000Z', 'Z')) : Infinity;
      }),
    );
    await waitRolledOut(c, ns, 'slow');
    // Observed no earlier than the last pod's Ready transition plus minReadySeconds.
    expect(c.sim.clock.now() - readySince).toBeGreaterThanOrEqual(30_000);
  });

  it('scales through the scale subresource and prunes history beyond revisionHistoryLimit', async () => {
    const ns = await newNamespace(c, 'scale');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('s', 'app:1', { replicas: 1, revisionHistoryLimit: 1 }) });
    await waitRolledOut(c, ns, 's');
    await c.apps.replaceNamespacedDeploymentScale({ namespace: ns, name: 's', body: { metadata: { name: 's', namespace: ns }, spec: { replicas: 5 } } });
    await until('5 pods', async () => (await waitRolledOut(c, ns, 's')).status?.availableReplicas === 5);
    expect((await c.core.listNamespacedPod({ namespace: ns })).items).toHaveLength(5);
    await c.apps.patchNamespacedDeploymentScale({ namespace: ns, name: 's', body: { spec: { replicas: 2 } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await until('2 pods', async () => (await c.core.listNamespacedPod({ namespace: ns })).items.length === 2);
    for (const image of ['app:2', 'app:3', 'app:4']) {
      await setImage(c, ns, 's', image);
      await waitRolledOut(c, ns, 's');
    }
    const rsList = await until('old ReplicaSets pruned to 1', async () => {
      const items = (await c.apps.listNamespacedReplicaSet({ namespace: ns })).items;
      return items.length === 2 ? items : undefined;
    });
    const revisions = rsList.map((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['3', '4']);
  });

  it('a paused deployment keeps its pods until resumed', async () => {
    const ns = await newNamespace(c, 'paused');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('p', 'app:1', { replicas: 2 }) });
    await waitRolledOut(c, ns, 'p');
    const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'p' });
    if (d.spec) d.spec.paused = true;
    await c.apps.replaceNamespacedDeployment({ namespace: ns, name: 'p', body: d });
    await setImage(c, ns, 'p', 'app:2');
    const paused = await until('DeploymentPaused', async () => {
      const x = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'p' });
      return x.status?.conditions?.find((k) => k.type === 'Progressing')?.reason === 'DeploymentPaused' ? x : undefined;
    });
    expect(paused.status?.conditions?.find((k) => k.type === 'Progressing')?.status).toBe('Unknown');
    expect((await c.apps.listNamespacedReplicaSet({ namespace: ns })).items).toHaveLength(1);
    const resume = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'p' });
    if (resume.spec) resume.spec.paused = false;
    await c.apps.replaceNamespacedDeployment({ namespace: ns, name: 'p', body: resume });
    const done = await until('rolled out after resume', async () => {
      const x = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'p' });
      return rolloutComplete(x) && x.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2' ? x : undefined;
    });
    expect(done.spec?.template.spec?.containers[0]?.image).toBe('app:2');
  });

  it('deleting a deployment garbage-collects its ReplicaSets and pods, and nothing comes back', async () => {
    const ns = await newNamespace(c, 'gc');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('gone', 'app:1', { replicas: 3 }) });
    await waitRolledOut(c, ns, 'gone');
    await c.apps.deleteNamespacedDeployment({ namespace: ns, name: 'gone' });
    await until('pods and ReplicaSets gone', async () => {
      const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
      const rs = (await c.apps.listNamespacedReplicaSet({ namespace: ns })).items;
      return pods.length === 0 && rs.length === 0;
    });
    await c.admin('POST', '/_sim/clock', { advanceSeconds: 30 });
    await new Promise((r) => setTimeout(r, 100));
    expect((await c.core.listNamespacedPod({ namespace: ns })).items).toHaveLength(0);
  });
});

describe('replicaset controller and kubelet', () => {
  it('replaces a deleted pod and runs bare pods too', async () => {
    const ns = await newNamespace(c, 'heal');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('heal', 'app:1', { replicas: 2 }) });
    await waitRolledOut(c, ns, 'heal');
    const victim = (await c.core.listNamespacedPod({ namespace: ns })).items[0]?.metadata?.name ?? '';
    await c.core.deleteNamespacedPod({ namespace: ns, name: victim });
    await until('a replacement pod', async () => {
      const pods = (await c.core.listNamespacedPod({ namespace: ns })).items;
      return pods.length === 2 && !pods.some((p) => p.metadata?.name === victim);
    });
    await waitRolledOut(c, ns, 'heal');
    expect(await eventMessages(c, ns, 'SuccessfulCreate')).toHaveLength(3);

    const createdSim = c.sim.clock.now();
    await c.core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'bare' }, spec: { containers: [{ name: 'c', image: 'busybox:1', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 5 } }] } } });
    const bare = await until('bare pod ready', async () => {
      const p = await c.core.readNamespacedPod({ namespace: ns, name: 'bare' });
      return p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True' ? p : undefined;
    });
    expect(bare.status?.conditions?.map((x) => x.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    // Stamps are wall-clock time (100 times slower than the simulation here); the clock knows the
    // simulated instant behind the Ready stamp: after the start delay plus initialDelaySeconds.
    const readyStamp = bare.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime?.toISOString().replace('.000Z', 'Z') ?? '';
    const readySim = c.sim.clock.simOf(`${bare.metadata?.uid ?? ''}/Ready`, readyStamp);
    expect(readySim - createdSim).toBeGreaterThanOrEqual(5000);
  });

  it('copes with a reset in the middle of a rollout', async () => {
    const own = await startSim({ speed: 20 });
    try {
      await own.apps.createNamespacedDeployment({ namespace: 'default', body: deployment('r', 'app:1', { replicas: 3 }) });
      await until('pods exist', async () => (await own.core.listNamespacedPod({ namespace: 'default' })).items.length > 0);
      await own.admin('POST', '/_sim/reset');
      expect((await own.core.listNamespacedPod({ namespace: 'default' })).items).toHaveLength(0);
      await own.apps.createNamespacedDeployment({ namespace: 'default', body: deployment('r', 'app:2', { replicas: 2 }) });
      const d = await waitRolledOut(own, 'default', 'r');
      expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
      expect((await own.core.listNamespacedPod({ namespace: 'default' })).items).toHaveLength(2);
    } finally {
      await own.sim.close();
    }
  });
});

describe('horizontal pod autoscaler', () => {
  it('keeps the target within min and max, and follows simulated CPU load', async () => {
    const ns = await newNamespace(c, 'hpa');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('h', 'app:1', { replicas: 1 }) });
    await c.autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name: 'h' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'h' },
          minReplicas: 2,
          maxReplicas: 4,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        },
      },
    });
    const replicas = async () => (await c.apps.readNamespacedDeployment({ namespace: ns, name: 'h' })).spec?.replicas;
    await until('scaled up to minReplicas', async () => (await replicas()) === 2);
    const hpa = await until('HPA status', async () => {
      const h = await c.autoscaling.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'h' });
      return h.status?.currentReplicas === 2 ? h : undefined;
    });
    expect(hpa.status).toMatchObject({ desiredReplicas: 2 });
    expect(hpa.status?.currentMetrics?.[0]?.resource?.current.averageUtilization).toBe(80);
    expect(hpa.status?.conditions?.map((x) => x.type)).toEqual(['AbleToScale', 'ScalingActive', 'ScalingLimited']);
    expect(await eventMessages(c, ns, 'SuccessfulRescale')).toContain('SuccessfulRescale: New size: 2; reason: Current number of replicas below Spec.MinReplicas');

    await c.apps.patchNamespacedDeploymentScale({ namespace: ns, name: 'h', body: { spec: { replicas: 9 } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await until('clamped to maxReplicas', async () => (await replicas()) === 4);

    // Load doubles: 4 × 160 / 80 = 8, clamped to 4, and the HPA says so.
    await c.admin('POST', '/_sim/hpa', { cpuUtilization: 160 });
    const limited = await until('ScalingLimited TooManyReplicas', async () => {
      const h = await c.autoscaling.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'h' });
      return h.status?.conditions?.find((x) => x.type === 'ScalingLimited' && x.reason === 'TooManyReplicas') ? h : undefined;
    });
    expect(limited.status?.desiredReplicas).toBe(4);
    // Load drops: 4 × 30 / 80 → 2 (with ceil), the real formula.
    await c.admin('POST', '/_sim/hpa', { cpuUtilization: 30 });
    await until('scaled down with the load', async () => (await replicas()) === 2);
    await c.admin('POST', '/_sim/hpa', { cpuUtilization: null });
  });
});

describe('admin routes', () => {
  it('reports and changes the clock, pod timing and image faults, rejecting bad input', async () => {
    const clock = (await c.admin('GET', '/_sim/clock')) as { speed: number; nowMs: number };
    expect(clock.speed).toBe(100);
    const after = (await c.admin('POST', '/_sim/clock', { advanceSeconds: 10 })) as { nowMs: number };
    expect(after.nowMs - clock.nowMs).toBeGreaterThanOrEqual(10_000);
    await expect(c.admin('POST', '/_sim/clock', { speed: -1 })).rejects.toThrow(/400/);
    expect(await c.admin('POST', '/_sim/pods', { startSeconds: 1 })).toMatchObject({ startSeconds: 1, readySeconds: 1 });
    await c.admin('POST', '/_sim/pods', { startSeconds: 2 });
    const images = (await c.admin('GET', '/_sim/images')) as { patterns: { pattern: string }[] };
    expect(images.patterns.map((p) => p.pattern)).toContain('*:bad-pull*');
    await expect(c.admin('POST', '/_sim/images', { patterns: [{ pattern: 'x', fault: 'Nope' }] })).rejects.toThrow(/400/);

    const ns = await newNamespace(c, 'images');
    await c.admin('POST', '/_sim/images', { patterns: [{ pattern: 'registry.local/*', fault: 'ErrImagePull' }] });
    try {
      await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('e', 'registry.local/app:1', { replicas: 1 }) });
      const pod = await until('ErrImagePull', async () => {
        const p = (await c.core.listNamespacedPod({ namespace: ns })).items[0];
        return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImagePull' ? p : undefined;
      });
      expect(pod.status?.containerStatuses?.[0]?.ready).toBe(false);
    } finally {
      await c.admin('POST', '/_sim/images', images);
    }
  });
});
