import { KubeError } from './errors.ts';

// The kinds Drucker renders or reads, with their REST paths. A fixed table instead of discovery:
// Drucker only ever touches these, and it saves a round trip per kind on every rollout.

export type KindRef = { apiVersion: string; kind: string };
export type ObjectRef = KindRef & { namespace?: string; name: string };
type Resource = { plural: string; namespaced: boolean };

const RESOURCES: Record<string, Resource> = {
  'v1/Namespace': { plural: 'namespaces', namespaced: false },
  'v1/Pod': { plural: 'pods', namespaced: true },
  'v1/Service': { plural: 'services', namespaced: true },
  'v1/Secret': { plural: 'secrets', namespaced: true },
  'v1/ConfigMap': { plural: 'configmaps', namespaced: true },
  'v1/Event': { plural: 'events', namespaced: true },
  'apps/v1/Deployment': { plural: 'deployments', namespaced: true },
  'apps/v1/ReplicaSet': { plural: 'replicasets', namespaced: true },
  'networking.k8s.io/v1/Ingress': { plural: 'ingresses', namespaced: true },
  'autoscaling/v2/HorizontalPodAutoscaler': { plural: 'horizontalpodautoscalers', namespaced: true },
  'gateway.networking.k8s.io/v1/HTTPRoute': { plural: 'httproutes', namespaced: true },
  'gateway.networking.k8s.io/v1/GRPCRoute': { plural: 'grpcroutes', namespaced: true },
  'networking.istio.io/v1/VirtualService': { plural: 'virtualservices', namespaced: true },
  'networking.istio.io/v1beta1/VirtualService': { plural: 'virtualservices', namespaced: true },
};

function resourceOf(ref: KindRef): Resource {
  const r = RESOURCES[`${ref.apiVersion}/${ref.kind}`];
  if (!r) throw new KubeError('invalid', `Drucker does not manage ${ref.kind} (${ref.apiVersion})`, { retryable: false });
  return r;
}

/** /api/v1 or /apis/<group>/<version>. */
function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection path: cluster-wide when namespace is undefined for a namespaced kind. */
export function collectionPath(ref: KindRef, namespace?: string): string {
  const r = resourceOf(ref);
  const ns = r.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(ref.apiVersion)}${ns}/${r.plural}`;
}

export function objectPath(ref: ObjectRef): string {
  const r = resourceOf(ref);
  if (r.namespaced && !ref.namespace) throw new KubeError('invalid', `${ref.kind} ${ref.name} needs a namespace`, { retryable: false });
  return `${collectionPath(ref, r.namespaced ? ref.namespace : undefined)}/${encodeURIComponent(ref.name)}`;
}
