import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ContainerStatus, Event, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { judgeRollout } from './completion.ts';

function deployment(status: DeploymentStatus, opts: { generation?: number; replicas?: number; revision?: string } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'iris-production-x7k2p9', generation: opts.generation ?? 2, annotations: { 'deployment.kubernetes.io/revision': opts.revision ?? '2' } },
    spec: { replicas: opts.replicas ?? 3, selector: {}, template: {} },
    status: { observedGeneration: 2, ...status },
  };
}

function pod(name: string, opts: { ready?: boolean; hash?: string; container?: Partial<ContainerStatus>; phase?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[] } = {}): Pod {
  const ready = opts.ready ?? true;
  return {
    metadata: { name, labels: { 'pod-template-hash': opts.hash ?? 'new' }, creationTimestamp: '2026-11-25T10:00:00Z' },
    status: {
      phase: opts.phase ?? (ready ? 'Running' : 'Pending'),
      conditions: opts.conditions ?? [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'drucker-service', image: 'example/iris:2', imageID: '', ready, restartCount: 0, state: ready ? { running: {} } : { waiting: { reason: 'ContainerCreating' } }, ...opts.container }],
    },
  };
}

const replicaSets: ReplicaSet[] = [
  { metadata: { name: 'iris-old', labels: { 'pod-template-hash': 'old' }, annotations: { 'deployment.kubernetes.io/revision': '1' } } },
  { metadata: { name: 'iris-new', labels: { 'pod-template-hash': 'new' }, annotations: { 'deployment.kubernetes.io/revision': '2' } } },
];

const deadlineExceeded = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "iris-new" has timed out progressing.' };

describe('judgeRollout, as kubectl rollout status', () => {
  it('waits until the controller has observed the new generation', () => {
    const result = judgeRollout({ deployment: deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), pods: [] });
    expect(result).toMatchObject({ state: 'progressing', message: 'Waiting for deployment spec update to be observed...' });
  });

  it('waits while new replicas are still being created', () => {
    const result = judgeRollout({ deployment: deployment({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }), pods: [] });
    expect(result.state).toBe('progressing');
    expect(result.message).toBe('Waiting for deployment "iris-production-x7k2p9" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(result.progress).toEqual({ desired: 3, updated: 1, ready: 3, available: 3, percent: 33 });
  });

  it('waits while old replicas are pending termination', () => {
    const result = judgeRollout({ deployment: deployment({ replicas: 4, updatedReplicas: 3, readyReplicas: 4, availableReplicas: 4 }), pods: [] });
    expect(result.message).toBe('Waiting for deployment "iris-production-x7k2p9" rollout to finish: 1 old replicas are pending termination...');
    expect(result.state).toBe('progressing');
    expect(result.progress.percent).toBe(99);
  });

  it('waits while updated replicas are not all available', () => {
    const result = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 1 }), pods: [] });
    expect(result.message).toBe('Waiting for deployment "iris-production-x7k2p9" rollout to finish: 1 of 3 updated replicas are available...');
    expect(result.progress).toEqual({ desired: 3, updated: 3, ready: 2, available: 1, percent: 66 });
  });

  it('is complete when all replicas are updated and available and no old ones remain', () => {
    const result = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }), pods: [pod('a'), pod('b'), pod('c')] });
    expect(result).toMatchObject({ state: 'complete', message: 'deployment "iris-production-x7k2p9" successfully rolled out', progress: { percent: 100 } });
    expect(result.pods.map((p) => [p.name, p.ready, p.reason])).toEqual([['a', true, undefined], ['b', true, undefined], ['c', true, undefined]]);
  });

  it('shows only the new pods once complete, not old ones whose deletion the pod watch has not delivered', () => {
    const result = judgeRollout({ deployment: deployment({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }, { replicas: 2 }), pods: [pod('a'), pod('b'), pod('gone', { hash: 'old' })], replicaSets });
    expect(result.state).toBe('complete');
    expect(result.pods.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('is complete at zero replicas', () => {
    expect(judgeRollout({ deployment: deployment({}, { replicas: 0 }), pods: [] })).toMatchObject({ state: 'complete', progress: { desired: 0, percent: 100 } });
  });

  it('fails on ProgressDeadlineExceeded, naming the pods own reason and image', () => {
    const bad = pod('iris-production-x7k2p9-new-1', { ready: false, container: { image: 'example/iris:bad-pull-1', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "example/iris:bad-pull-1"' } } } });
    const bad2 = pod('iris-production-x7k2p9-new-2', { ready: false, container: { image: 'example/iris:bad-pull-1', state: { waiting: { reason: 'ImagePullBackOff' } } } });
    const result = judgeRollout({
      deployment: deployment({ replicas: 4, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [deadlineExceeded] }),
      pods: [pod('old-1', { hash: 'old' }), pod('old-2', { hash: 'old' }), bad, bad2],
      replicaSets,
    });
    expect(result.state).toBe('failed');
    expect(result.message).toBe('deployment "iris-production-x7k2p9" exceeded its progress deadline: ImagePullBackOff: example/iris:bad-pull-1 (pod iris-production-x7k2p9-new-1 and 1 more)');
    expect(result.pods.find((p) => p.name === bad.metadata?.name)).toMatchObject({ ready: false, reason: 'ImagePullBackOff', message: 'example/iris:bad-pull-1', templateHash: 'new' });
  });

  it('names a crash loop with the last termination', () => {
    const crashing = pod('iris-new-1', {
      ready: false,
      phase: 'Running',
      container: {
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=drucker-service pod=iris-new-1_production' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'ModuleNotFoundError: sklearn\n' } },
      },
    });
    const result = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2, conditions: [deadlineExceeded] }), pods: [crashing], replicaSets });
    expect(result.message).toBe(
      'deployment "iris-production-x7k2p9" exceeded its progress deadline: CrashLoopBackOff: back-off 40s restarting failed container=drucker-service pod=iris-new-1_production; last exit code 1 (Error): ModuleNotFoundError: sklearn (pod iris-new-1)',
    );
    expect(result.pods[0]).toMatchObject({ restarts: 4, reason: 'CrashLoopBackOff' });
  });

  it('reports problems of the new pods, not of old ones still serving', () => {
    const oldBroken = pod('old-1', { hash: 'old', ready: false, container: { state: { waiting: { reason: 'CrashLoopBackOff', message: 'old crash' } } } });
    const newBroken = pod('new-1', { ready: false, container: { image: 'example/iris:err-pull', state: { waiting: { reason: 'ErrImagePull', message: 'pull access denied' } } } });
    const result = judgeRollout({ deployment: deployment({ replicas: 2, updatedReplicas: 1, availableReplicas: 1, conditions: [deadlineExceeded] }), pods: [oldBroken, newBroken], replicaSets });
    expect(result.message).toContain('ErrImagePull: example/iris:err-pull (pod new-1)');
    expect(result.message).not.toContain('old crash');
  });

  it('shows a pod problem while still progressing, and says nothing of pods merely starting', () => {
    const starting = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 }), pods: [pod('new-1', { ready: false })], replicaSets });
    expect(starting.message).toBe('Waiting for deployment "iris-production-x7k2p9" rollout to finish: 1 out of 3 new replicas have been updated...');
    const unschedulable = pod('new-2', { ready: false, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.' }] });
    const stuck = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 }), pods: [unschedulable], replicaSets });
    expect(stuck.state).toBe('progressing');
    expect(stuck.message).toContain(": Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. (pod new-2)");
  });

  it('does not fail on a deadline condition the controller reported for an older generation', () => {
    const result = judgeRollout({ deployment: deployment({ observedGeneration: 1, conditions: [deadlineExceeded] }, { generation: 2 }), pods: [] });
    expect(result.state).toBe('progressing');
  });

  it("fails when the rollout's own deadline passes, unless it is already complete", () => {
    const waiting = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 1 }), pods: [], deadlineExceeded: true });
    expect(waiting).toMatchObject({ state: 'failed', message: 'the rollout deadline passed: Waiting for deployment "iris-production-x7k2p9" rollout to finish: 1 of 3 updated replicas are available' });
    const done = judgeRollout({ deployment: deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), pods: [], deadlineExceeded: true });
    expect(done.state).toBe('complete');
    expect(judgeRollout({ deployment: null, pods: [], deadlineExceeded: true })).toMatchObject({ state: 'failed', message: 'the rollout deadline passed before the Deployment was created' });
  });

  it('waits for a Deployment that does not exist yet', () => {
    expect(judgeRollout({ deployment: null, pods: [] })).toMatchObject({ state: 'progressing', message: 'waiting for the Deployment to be created', progress: { desired: 0 } });
  });

  it('names the quota or admission failure that keeps pods from being created', () => {
    const result = judgeRollout({
      deployment: deployment({ replicas: 1, updatedReplicas: 1, availableReplicas: 1, conditions: [deadlineExceeded, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "iris-new-x" is forbidden: exceeded quota: compute' }] }),
      pods: [],
    });
    expect(result.message).toBe('deployment "iris-production-x7k2p9" exceeded its progress deadline: FailedCreate: pods "iris-new-x" is forbidden: exceeded quota: compute');
  });

  it('keeps the recent events newest first, and falls back to the last warning for a failure', () => {
    const event = (reason: string, type: string, at: string): Event => ({ metadata: { name: reason }, involvedObject: { kind: 'Pod', name: 'new-1' }, reason, type, message: `${reason} happened`, lastTimestamp: at, count: 2 });
    const result = judgeRollout({
      deployment: deployment({ replicas: 1, updatedReplicas: 0, conditions: [deadlineExceeded] }),
      pods: [],
      events: [event('Scheduled', 'Normal', '2026-11-25T10:00:00Z'), event('FailedMount', 'Warning', '2026-11-25T10:01:00Z')],
    });
    expect(result.events.map((e) => e.reason)).toEqual(['FailedMount', 'Scheduled']);
    expect(result.events[0]).toEqual({ type: 'Warning', reason: 'FailedMount', message: 'FailedMount happened', object: 'Pod/new-1', count: 2, lastSeen: '2026-11-25T10:01:00Z' });
    expect(result.message).toBe('deployment "iris-production-x7k2p9" exceeded its progress deadline: FailedMount: FailedMount happened');
  });
});
