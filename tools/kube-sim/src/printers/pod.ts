import type { KObject } from '../store.ts';
import { since } from './duration.ts';

// The pod row kubectl shows: READY counts ready running containers, STATUS is the reason kubectl
// derives from phase, init and container states (not the bare phase), RESTARTS sums restart counts
// with the time of the last one. Follows the apiserver's printPod.

type State = {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
};
type Status = { name?: string; state?: State; lastState?: State; ready?: boolean; started?: boolean; restartCount?: number };
type Container = { name?: string; restartPolicy?: string };
type Condition = { type?: string; status?: string; reason?: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; nodeName?: string; readinessGates?: { conditionType?: string }[] };
type PodStatus = {
  phase?: string;
  reason?: string;
  conditions?: Condition[];
  podIPs?: { ip?: string }[];
  nominatedNodeName?: string;
  initContainerStatuses?: Status[];
  containerStatuses?: Status[];
};

// The kubelet's reason for pods it lost contact with; such pods show "Unknown" while deleted.
const NODE_UNREACHABLE = 'NodeLost';

function exitReason(prefix: string, t: NonNullable<State['terminated']>): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/** The latest lastState.terminated.finishedAt among the statuses, in ms (0 when none). */
function lastRestart(statuses: Status[]): number {
  let latest = 0;
  for (const s of statuses) {
    const at = Date.parse(s.lastState?.terminated?.finishedAt ?? '');
    if (!Number.isNaN(at) && at > latest) latest = at;
  }
  return latest;
}

const conditionTrue = (status: PodStatus, type: string): boolean => status.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

export function podCells(pod: KObject, now: Date): unknown[] {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as PodStatus;
  const sidecars = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (spec.containers ?? []).length + sidecars.size;
  let ready = 0;
  let reason = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const inits = status.initContainerStatuses ?? [];
  const sidecarStatuses = inits.filter((s) => sidecars.has(s.name));
  let restarts = inits.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  let restartedAt = lastRestart(inits);
  let initializing = false;
  for (const [i, c] of inits.entries()) {
    const t = c.state?.terminated;
    const waiting = c.state?.waiting?.reason;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (sidecars.has(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t) reason = exitReason('Init:', t);
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarStatuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
    restartedAt = lastRestart(sidecarStatuses);
    let running = false;
    const containers = status.containerStatuses ?? [];
    restarts += containers.reduce((n, s) => n + (s.restartCount ?? 0), 0);
    restartedAt = Math.max(restartedAt, lastRestart(containers));
    // Walked backwards as the apiserver does, so the first container's state wins the STATUS.
    for (const c of [...containers].reverse()) {
      const t = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (t) reason = exitReason('', t);
      else if (c.ready && c.state?.running) {
        running = true;
        ready++;
      }
    }
    if (reason === 'Completed' && running) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const restartCell = restarts !== 0 && restartedAt > 0 ? `${restarts} (${since(new Date(restartedAt).toISOString(), now)} ago)` : String(restarts);
  const gates = spec.readinessGates ?? [];
  const gatesCell = gates.length ? `${gates.filter((g) => conditionTrue(status, g.conditionType ?? '')).length}/${gates.length}` : '<none>';
  return [
    pod.metadata.name,
    `${ready}/${total}`,
    reason,
    restartCell,
    since(pod.metadata.creationTimestamp, now),
    status.podIPs?.[0]?.ip || '<none>',
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    gatesCell,
  ];
}
