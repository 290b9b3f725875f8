// What Drucker does on a cluster, as the verbs an RBAC rule must grant, cluster-wide (a cluster's
// namespace template can put services in any namespace). Verification checks each with a
// SelfSubjectAccessReview; the README's ClusterRole is the same list.

export type TrafficRouter = 'none' | 'gateway-api' | 'istio';
export type Permission = { verb: string; group: string; resource: string };

const WRITE = ['get', 'list', 'watch', 'create', 'patch', 'delete'];

const rules: { group: string; resources: string[]; verbs: string[] }[] = [
  // Namespaces are created when missing but never deleted: other things may live in them.
  { group: '', resources: ['namespaces'], verbs: ['get', 'list', 'create', 'patch'] },
  { group: 'apps', resources: ['deployments'], verbs: WRITE },
  { group: 'apps', resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
  { group: '', resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { group: '', resources: ['pods/log'], verbs: ['get'] },
  { group: '', resources: ['services', 'secrets'], verbs: WRITE },
  { group: 'networking.k8s.io', resources: ['ingresses'], verbs: WRITE },
  { group: 'autoscaling', resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { group: '', resources: ['events'], verbs: ['get', 'list', 'watch'] },
];

const routerRules: Record<TrafficRouter, typeof rules> = {
  none: [],
  'gateway-api': [{ group: 'gateway.networking.k8s.io', resources: ['httproutes', 'grpcroutes'], verbs: WRITE }],
  istio: [{ group: 'networking.istio.io', resources: ['virtualservices'], verbs: WRITE }],
};

export function requiredPermissions(trafficRouter: TrafficRouter = 'none'): Permission[] {
  return [...rules, ...routerRules[trafficRouter]].flatMap((r) => r.resources.flatMap((resource) => r.verbs.map((verb) => ({ verb, group: r.group, resource }))));
}

/** "create deployments.apps", "get pods/log" — how kubectl and RBAC messages name a permission. */
export function describePermission(p: Permission): string {
  const [resource, sub] = p.resource.split('/');
  return `${p.verb} ${resource}${p.group ? `.${p.group}` : ''}${sub ? `/${sub}` : ''}`;
}

/** A ClusterRole granting exactly what Drucker needs, for the README and the cluster page. */
export function clusterRoleRules(trafficRouter: TrafficRouter = 'none'): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  return [...rules, ...routerRules[trafficRouter]].map((r) => ({ apiGroups: [r.group], resources: r.resources, verbs: r.verbs }));
}
