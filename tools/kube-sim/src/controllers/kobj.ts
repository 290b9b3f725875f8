import type { KObject, OwnerReference } from '../store.ts';
import type { IntOrPercent } from './rolling.ts';
import type { SimClock } from '../clock.ts';

// Typed views of the few object shapes the controllers read. The store keeps objects as loose
// JSON; the apiserver half has validated and defaulted them, so reading them through these types
// is safe as long as every optional field is treated as optional.

export type Condition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
};

export type Probe = { initialDelaySeconds?: number; periodSeconds?: number };
export type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
export type Container = { name: string; image: string; readinessProbe?: Probe; ports?: { containerPort: number }[]; resources?: Resources };
export type PodTemplate = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: Container[]; initContainers?: Container[]; nodeName?: string; restartPolicy?: string };
};

export type DeploymentSpec = {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  template?: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
};
export type DeploymentStatus = {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
};
export type Deployment = KObject & { spec: DeploymentSpec; status?: DeploymentStatus };

export type ReplicaSetSpec = { replicas?: number; minReadySeconds?: number; selector?: DeploymentSpec['selector']; template?: PodTemplate };
export type ReplicaSetStatus = {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
};
export type ReplicaSet = KObject & { spec: ReplicaSetSpec; status?: ReplicaSetStatus };

export type ContainerState = {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: { exitCode: number; reason: string; startedAt?: string; finishedAt: string; containerID?: string; message?: string };
};
export type ContainerStatus = {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
};
export type PodStatus = {
  phase?: string;
  conditions?: Condition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  qosClass?: string;
  containerStatuses?: ContainerStatus[];
};
export type Pod = KObject & { spec: NonNullable<PodTemplate['spec']>; status?: PodStatus };

export type Hpa = KObject & {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
  };
  status?: Record<string, unknown> & { conditions?: Condition[] };
};

// The store hands out deep copies of validated objects; these narrow them to the views above.
export const asDeployment = (o: KObject): Deployment => o as Deployment;
export const asReplicaSet = (o: KObject): ReplicaSet => o as ReplicaSet;
export const asPod = (o: KObject): Pod => o as Pod;
export const asHpa = (o: KObject): Hpa => o as Hpa;

export function controllerRef(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function ownerRefTo(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function isOwnedBy(o: KObject, owner: KObject): boolean {
  return controllerRef(o)?.uid === owner.metadata.uid;
}

export function podIsReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Key under which the simulated instant behind an object's condition time is noted (SimClock.note). */
export function stampKey(obj: KObject, conditionType: string): string {
  return `${obj.metadata.uid ?? ''}/${conditionType}`;
}

/** When the pod became Ready, in simulated ms, or undefined when it is not ready. */
export function readySince(pod: Pod, clock: SimClock): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? clock.simOf(stampKey(pod, 'Ready'), c.lastTransitionTime) : undefined;
}

export function createdMs(o: KObject): number {
  return o.metadata.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : 0;
}

/** Status-style 409 from the store: someone else wrote first; the caller retries later. */
export function isConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err.code === 409 || err.code === 404);
}
