// The resource types kube-sim serves. Discovery, routing, the store and validation all read this
// table, so adding a type here is the whole job for a plain CRUD resource.

export type NameRule = 'subdomain' | 'label' | 'dns1035';

export type ResourceType = {
  /** Store key: plural for the core group, `plural.group` otherwise. */
  key: string;
  group: string;
  /** Served versions, preferred first; objects are stored once and relabelled per request. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  subresources: string[];
  nameRule: NameRule;
  categories?: string[];
  /** metadata.generation is kept (workloads, Ingress, HPA, custom resources); not for pods, config, Services… */
  generation?: boolean;
  /** Virtual resources (reviews) are answered, never stored. */
  virtual?: boolean;
};

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(t: Omit<ResourceType, 'key' | 'verbs' | 'subresources' | 'shortNames' | 'nameRule'> & Partial<ResourceType>): ResourceType {
  return {
    key: t.group ? `${t.plural}.${t.group}` : t.plural,
    verbs: CRUD,
    subresources: [],
    shortNames: [],
    nameRule: 'subdomain',
    ...t,
  };
}

export const RESOURCES: ResourceType[] = [
  r({ group: '', versions: ['v1'], plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], subresources: ['status'], nameRule: 'label', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  r({ group: '', versions: ['v1'], plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], subresources: ['status', 'log'], categories: ['all'] }),
  r({ group: '', versions: ['v1'], plural: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], subresources: ['status'], nameRule: 'dns1035', categories: ['all'] }),
  r({ group: '', versions: ['v1'], plural: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true }),
  r({ group: '', versions: ['v1'], plural: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] }),
  r({ group: '', versions: ['v1'], plural: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'] }),
  r({ group: '', versions: ['v1'], plural: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'] }),
  r({ group: '', versions: ['v1'], plural: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'] }),
  r({ group: '', versions: ['v1'], plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], subresources: ['status'] }),
  r({ group: '', versions: ['v1'], plural: 'persistentvolumes', singular: 'persistentvolume', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  r({ group: '', versions: ['v1'], plural: 'replicationcontrollers', generation: true, singular: 'replicationcontroller', kind: 'ReplicationController', namespaced: true, shortNames: ['rc'], subresources: ['status'], categories: ['all'] }),
  r({ group: 'apps', versions: ['v1'], plural: 'statefulsets', generation: true, singular: 'statefulset', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], subresources: ['status'], categories: ['all'] }),
  r({ group: 'apps', versions: ['v1'], plural: 'daemonsets', generation: true, singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], subresources: ['status'], categories: ['all'] }),
  r({ group: 'batch', versions: ['v1'], plural: 'jobs', generation: true, singular: 'job', kind: 'Job', namespaced: true, subresources: ['status'], categories: ['all'] }),
  r({ group: 'batch', versions: ['v1'], plural: 'cronjobs', generation: true, singular: 'cronjob', kind: 'CronJob', namespaced: true, shortNames: ['cj'], subresources: ['status'], categories: ['all'] }),
  r({ group: 'apps', versions: ['v1'], plural: 'deployments', generation: true, singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], subresources: ['status', 'scale'], categories: ['all'] }),
  r({ group: 'apps', versions: ['v1'], plural: 'replicasets', generation: true, singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], subresources: ['status', 'scale'], categories: ['all'] }),
  r({ group: 'networking.k8s.io', versions: ['v1'], plural: 'ingresses', generation: true, singular: 'ingress', kind: 'Ingress', namespaced: true, shortNames: ['ing'], subresources: ['status'] }),
  r({ group: 'autoscaling', versions: ['v2', 'v1'], plural: 'horizontalpodautoscalers', generation: true, singular: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], subresources: ['status'], categories: ['all'] }),
  r({ group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'httproutes', generation: true, singular: 'httproute', kind: 'HTTPRoute', namespaced: true, subresources: ['status'], categories: ['gateway-api'] }),
  r({ group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'grpcroutes', generation: true, singular: 'grpcroute', kind: 'GRPCRoute', namespaced: true, subresources: ['status'], categories: ['gateway-api'] }),
  r({ group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'virtualservices', generation: true, singular: 'virtualservice', kind: 'VirtualService', namespaced: true, shortNames: ['vs'], subresources: ['status'], categories: ['istio-io', 'networking-istio-io'] }),
  r({ group: 'authorization.k8s.io', versions: ['v1'], plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'], virtual: true }),
];

const byKey = new Map(RESOURCES.map((t) => [t.key, t]));
const byGroupPlural = new Map(RESOURCES.map((t) => [`${t.group}/${t.plural}`, t]));

export function resourceType(key: string): ResourceType {
  const t = byKey.get(key);
  if (!t) throw new Error(`kube-sim: unknown resource key ${key}`);
  return t;
}

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  const t = byGroupPlural.get(`${group}/${plural}`);
  return t && t.versions.includes(version) ? t : undefined;
}

export function apiVersionOf(t: ResourceType, version = t.versions[0] ?? 'v1'): string {
  return t.group ? `${t.group}/${version}` : version;
}

/** Groups in discovery order, each with its versions (preferred first). */
export function groups(): { name: string; versions: string[] }[] {
  const out = new Map<string, Set<string>>();
  for (const t of RESOURCES) {
    if (!t.group) continue;
    const set = out.get(t.group) ?? new Set<string>();
    for (const v of t.versions) set.add(v);
    out.set(t.group, set);
  }
  return [...out].map(([name, versions]) => ({ name, versions: [...versions] }));
}
