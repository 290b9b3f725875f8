import type { Condition, ContainerState, ContainerStatus, PodStatus } from './kobj.ts';
import type { ImageFault } from './images.ts';
import { imageId, normalizeImage } from './images.ts';

// What the simulated kubelet knows about one pod, and the PodStatus it reports from that. Kept
// apart from the timers that move it forward so the status shape can be read in one place.

export const HOST_IP = '172.18.0.2';

export type ContainerRun = {
  name: string;
  image: string;
  fault: ImageFault | undefined;
  readinessDelayMs: number;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
  /** Set once an image was pulled; a real kubelet reports "" before. */
  pulled: boolean;
  containerID?: string;
  /** Current back-off, seconds: 10 s doubling to 300 s, as the kubelet's. */
  backoffSeconds: number;
};

export type PodRun = {
  uid: string;
  namespace: string;
  name: string;
  podIP: string;
  scheduled: boolean;
  startTime?: string;
  containers: ContainerRun[];
  /** Last reported status and transition time per condition type. */
  transitions: Map<string, { status: Condition['status']; time: string }>;
  cancels: Set<() => void>;
};

function condition(run: PodRun, type: string, status: Condition['status'], now: string, reason?: string, message?: string): Condition {
  const prev = run.transitions.get(type);
  const time = prev && prev.status === status ? prev.time : now;
  run.transitions.set(type, { status, time });
  return { type, status, lastProbeTime: null, lastTransitionTime: time, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

export function buildPodStatus(run: PodRun, previous: PodStatus | undefined, now: string): PodStatus {
  const status: PodStatus = { phase: 'Pending', qosClass: previous?.qosClass ?? 'BestEffort' };
  if (!run.scheduled) return status;
  const conditions: Condition[] = [];
  if (run.startTime) {
    const unready = run.containers.filter((c) => !c.ready).map((c) => c.name);
    const allReady = unready.length === 0;
    const readyStatus = allReady ? 'True' : 'False';
    const reason = allReady ? undefined : 'ContainersNotReady';
    const message = allReady ? undefined : `containers with unready status: [${unready.join(' ')}]`;
    conditions.push(condition(run, 'PodReadyToStartContainers', 'True', now));
    conditions.push(condition(run, 'Initialized', 'True', now));
    conditions.push(condition(run, 'Ready', readyStatus, now, reason, message));
    conditions.push(condition(run, 'ContainersReady', readyStatus, now, reason, message));
  }
  conditions.push(condition(run, 'PodScheduled', 'True', now));
  status.conditions = conditions;
  status.hostIP = HOST_IP;
  status.hostIPs = [{ ip: HOST_IP }];
  if (!run.startTime) return status;
  status.podIP = run.podIP;
  status.podIPs = [{ ip: run.podIP }];
  status.startTime = run.startTime;
  status.phase = phaseOf(run.containers);
  status.containerStatuses = run.containers.map(
    (c): ContainerStatus => ({
      name: c.name,
      state: structuredClone(c.state),
      lastState: structuredClone(c.lastState),
      ready: c.ready,
      restartCount: c.restartCount,
      image: normalizeImage(c.image),
      imageID: c.pulled ? imageId(c.image) : '',
      ...(c.containerID ? { containerID: c.containerID } : {}),
      started: c.started,
    }),
  );
  return status;
}

/**
 * The kubelet's rule (getPhase) for restartPolicy Always: a container waiting without ever having
 * terminated has not started, and any such container keeps the pod Pending, even beside running
 * ones; a container waiting after a termination (CrashLoopBackOff) counts as stopped, and a pod
 * with running or stopped containers is Running because they are restarted.
 */
function phaseOf(containers: readonly ContainerRun[]): PodStatus['phase'] {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  for (const c of containers) {
    if (c.state.running) running++;
    else if (c.state.terminated) stopped++;
    else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  return running > 0 || stopped > 0 ? 'Running' : 'Pending';
}
