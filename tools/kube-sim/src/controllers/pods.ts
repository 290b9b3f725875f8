import { randomBytes } from 'node:crypto';
import type { KObject } from '../store.ts';
import type { ControllerContext } from './context.ts';
import { asPod, type Pod } from './kobj.ts';
import { KUBELET, NODE_NAME, SCHEDULER } from './events.ts';
import { imageSize } from './images.ts';
import { buildPodStatus, type ContainerRun, type PodRun } from './pod-status.ts';

// The scheduler and kubelet of a one-node cluster. Each pod walks, in simulated time, the path a
// real one does: scheduled → ContainerCreating (pulling) → Running → Ready, or into ErrImagePull /
// ImagePullBackOff / CrashLoopBackOff when its image matches a fault pattern, with the kubelet's
// events and back-offs (10 s doubling to 5 min).

const MAX_BACKOFF_SECONDS = 300;

export class Kubelet {
  readonly #ctx: ControllerContext;
  readonly #runs = new Map<string, PodRun>();
  #nextIp = 0;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
  }

  /** A pod appeared (or was found at start): take it through its lifecycle unless a kubelet already ran it. */
  admit(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.#runs.has(uid) || pod.status?.startTime || pod.metadata.deletionTimestamp) return;
    const timing = this.#ctx.timing;
    const n = this.#nextIp++;
    const run: PodRun = {
      uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      podIP: `10.244.${(n >> 8) & 255}.${(n & 255) + 1}`,
      scheduled: false,
      transitions: new Map(),
      cancels: new Set(),
      containers: (pod.spec.containers ?? []).map(
        (c): ContainerRun => ({
          name: c.name,
          image: c.image,
          fault: this.#ctx.images.faultFor(c.image),
          readinessDelayMs: (c.readinessProbe?.initialDelaySeconds ?? timing.readySeconds) * 1000,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
          ready: false,
          started: false,
          restartCount: 0,
          pulled: false,
          backoffSeconds: 10,
        }),
      ),
    };
    this.#runs.set(uid, run);
    this.#after(run, 0, () => this.#bind(run));
  }

  /** The pod is gone: stop its timers (and say so, as the kubelet's Killing event does). */
  forget(pod: Pod): void {
    const run = this.#runs.get(pod.metadata.uid ?? '');
    if (!run) return;
    for (const c of run.containers) {
      if (c.state.running) this.#ctx.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, KUBELET, fieldPath(c));
    }
    this.#drop(run);
  }

  stop(): void {
    for (const run of this.#runs.values()) this.#drop(run);
  }

  #drop(run: PodRun): void {
    for (const cancel of run.cancels) cancel();
    run.cancels.clear();
    this.#runs.delete(run.uid);
  }

  #after(run: PodRun, simMs: number, fn: () => void): void {
    const cancel = this.#ctx.clock.setTimer(simMs, () => {
      run.cancels.delete(cancel);
      if (this.#runs.get(run.uid) === run) fn();
    });
    run.cancels.add(cancel);
  }

  /** The pod as stored now, or undefined (and the run dropped) when it no longer exists. */
  #pod(run: PodRun): Pod | undefined {
    const found = this.#ctx.store.get('pods', run.namespace, run.name);
    if (found?.metadata.uid === run.uid) return asPod(found);
    this.#drop(run);
    return undefined;
  }

  #write(run: PodRun): void {
    const pod = this.#pod(run);
    if (!pod) return;
    this.#ctx.store.update('pods', { ...pod, status: buildPodStatus(run, pod.status, this.#ctx.clock.nowISO()) }, { subresource: 'status' });
  }

  #event(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRun): void {
    // The recorder needs only the reference; reading the pod back for every event doubled the
    // kubelet's cost on large rollouts.
    const ref: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: run.name, namespace: run.namespace, uid: run.uid } };
    this.#ctx.events.record(ref, type, reason, message, KUBELET, c && fieldPath(c));
  }

  #log(run: PodRun, c: ContainerRun, line: string): void {
    this.#ctx.store.appendLog(run.namespace, run.name, c.name, `${new Date(this.#ctx.clock.wallNow()).toISOString()} ${line}`);
  }

  #bind(run: PodRun): void {
    const pod = this.#pod(run);
    if (!pod) return;
    // A pod created with spec.nodeName skips the scheduler, as on a real cluster.
    if (!pod.spec.nodeName) {
      this.#ctx.store.update('pods', { ...pod, spec: { ...pod.spec, nodeName: NODE_NAME } });
      this.#ctx.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${run.namespace}/${run.name} to ${NODE_NAME}`, SCHEDULER);
    }
    run.scheduled = true;
    run.startTime = this.#ctx.clock.nowISO();
    this.#write(run);
    for (const c of run.containers) this.#pull(run, c);
  }

  #pull(run: PodRun, c: ContainerRun): void {
    this.#event(run, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c);
    this.#after(run, this.#ctx.timing.startSeconds * 1000, () => (c.fault === 'ImagePullBackOff' || c.fault === 'ErrImagePull' ? this.#pullFailed(run, c) : this.#start(run, c, true)));
  }

  #pullFailed(run: PodRun, c: ContainerRun): void {
    const reference = c.image.includes(':') || c.image.includes('@') ? c.image : `${c.image}:latest`;
    const why = `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
    c.state = { waiting: { reason: 'ErrImagePull', message: why } };
    this.#event(run, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${why}`, c);
    this.#event(run, 'Warning', 'Failed', 'Error: ErrImagePull', c);
    this.#write(run);
    const backoff = this.#nextBackoff(c);
    // The kubelet's next sync finds the pull in back-off; the ErrImagePull fault keeps reporting
    // the pull error itself, for clients that want to see that reason.
    if (c.fault === 'ImagePullBackOff') {
      this.#after(run, 1000, () => {
        c.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
        this.#event(run, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c);
        this.#event(run, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
        this.#write(run);
      });
    }
    this.#after(run, backoff * 1000, () => this.#pull(run, c));
  }

  #nextBackoff(c: ContainerRun): number {
    const now = c.backoffSeconds;
    c.backoffSeconds = Math.min(c.backoffSeconds * 2, MAX_BACKOFF_SECONDS);
    return now;
  }

  #start(run: PodRun, c: ContainerRun, pulled: boolean): void {
    if (pulled) {
      const took = (this.#ctx.timing.startSeconds * 0.6).toFixed(3);
      this.#event(run, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took}s (${took}s including waiting). Image size: ${imageSize(c.image)} bytes.`, c);
    } else {
      this.#event(run, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
    }
    c.pulled = true;
    c.containerID = `containerd://${randomBytes(32).toString('hex')}`;
    this.#event(run, 'Normal', 'Created', `Created container: ${c.name}`, c);
    this.#event(run, 'Normal', 'Started', `Started container ${c.name}`, c);
    c.state = { running: { startedAt: this.#ctx.clock.nowISO() } };
    c.started = true;
    this.#log(run, c, `INFO kube-sim: container ${c.name} started (image ${c.image}, restart ${c.restartCount})`);
    this.#write(run);
    const containerID = c.containerID;
    if (c.fault === 'CrashLoopBackOff') {
      this.#after(run, this.#ctx.timing.crashAfterSeconds * 1000, () => this.#crash(run, c));
      return;
    }
    this.#after(run, c.readinessDelayMs, () => {
      if (c.containerID !== containerID || !c.state.running) return;
      c.ready = true;
      this.#log(run, c, `INFO kube-sim: container ${c.name} is ready`);
      this.#write(run);
    });
  }

  #crash(run: PodRun, c: ContainerRun): void {
    const startedAt = c.state.running?.startedAt;
    this.#log(run, c, `FATAL kube-sim: simulated crash (image ${c.image} matches a CrashLoopBackOff fault pattern); exiting with code 1`);
    const backoff = this.#nextBackoff(c);
    c.lastState = {
      terminated: { exitCode: 1, reason: 'Error', ...(startedAt ? { startedAt } : {}), finishedAt: this.#ctx.clock.nowISO(), ...(c.containerID ? { containerID: c.containerID } : {}) },
    };
    c.restartCount++;
    c.ready = false;
    c.started = false;
    const podRef = `${run.name}_${run.namespace}(${run.uid})`;
    c.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${formatBackoff(backoff)} restarting failed container=${c.name} pod=${podRef}` } };
    this.#event(run, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, c);
    this.#write(run);
    this.#after(run, backoff * 1000, () => this.#start(run, c, false));
  }
}

function fieldPath(c: ContainerRun): string {
  return `spec.containers{${c.name}}`;
}

/** Go's time.Duration formatting, which the kubelet's message uses: 10s, 1m20s, 5m0s. */
function formatBackoff(seconds: number): string {
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}
