import type { KubeObject } from '../../kube/cluster-client.ts';
import { AppError } from '../../errors.ts';
import type { ManifestApplication, ManifestRollout } from './input.ts';
import { levelLabels, rolloutAnnotations } from './labels.ts';
import { isDnsSubdomain, levelHost, levelK8sName } from './names.ts';

// The level's weighted route (DESIGN.md "Traffic"): where the cluster has a traffic router, the
// level host's traffic is split by percent over the services' own Kubernetes Services instead of
// by ready pods. One object per application and level, named like the level's shared Service.

export type TrafficRouterSetting =
  | { kind: 'gateway-api'; gatewayName: string; gatewayNamespace: string }
  | { kind: 'istio'; gatewayName: string | null; gatewayNamespace: string | null };

export type RouteBackend = { k8sName: string; port: number; weight: number };

export type RouteInput = {
  router: TrafficRouterSetting;
  dnsName: string;
  application: Pick<ManifestApplication, 'id' | 'name'>;
  level: string;
  /** The services' namespace: a route may only point at Services of its own namespace. */
  namespace: string;
  backends: RouteBackend[];
  /** gRPC backends get a GRPCRoute under the Gateway API; the spec has no protocol yet, so callers pass 'http'. */
  protocol: 'http' | 'grpc';
  rollout: ManifestRollout;
};

function check(input: RouteInput): void {
  const sum = input.backends.reduce((total, b) => total + b.weight, 0);
  if (input.backends.length === 0) throw new AppError('BAD_REQUEST', 'a route needs at least one service');
  if (sum !== 100) throw new AppError('BAD_REQUEST', `the weights add up to ${sum}, not 100`);
  for (const b of input.backends) {
    if (!Number.isInteger(b.weight) || b.weight < 0 || b.weight > 100) throw new AppError('BAD_REQUEST', `the weight of ${b.k8sName} must be a whole number from 0 to 100`);
  }
  if (!isDnsSubdomain(input.dnsName)) throw new AppError('BAD_REQUEST', `the cluster's DNS name "${input.dnsName}" is not a valid DNS name`);
}

/** Gateway API: an HTTPRoute (or GRPCRoute) on the cluster's Gateway with one weighted backendRef per service. */
function gatewayRoute(input: RouteInput, router: Extract<TrafficRouterSetting, { kind: 'gateway-api' }>): KubeObject {
  const name = levelK8sName(input.application.name, input.level);
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: input.protocol === 'grpc' ? 'GRPCRoute' : 'HTTPRoute',
    metadata: { name, namespace: input.namespace, labels: levelLabels(input.application, input.level), annotations: rolloutAnnotations(input.rollout) },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: router.gatewayName, namespace: router.gatewayNamespace }],
      hostnames: [levelHost(input.application.name, input.level, input.dnsName)],
      rules: [{ backendRefs: input.backends.map((b) => ({ group: '', kind: 'Service', name: b.k8sName, port: b.port, weight: b.weight })) }],
    },
  } as KubeObject;
}

/**
 * Istio: a VirtualService for the level host (through the cluster's Gateway when it names one)
 * and for the level Service's in-cluster name (the mesh), with weighted routes to each service.
 */
function virtualService(input: RouteInput, router: Extract<TrafficRouterSetting, { kind: 'istio' }>): KubeObject {
  const name = levelK8sName(input.application.name, input.level);
  const gateway = router.gatewayName ? `${router.gatewayNamespace ? `${router.gatewayNamespace}/` : ''}${router.gatewayName}` : null;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: input.namespace, labels: levelLabels(input.application, input.level), annotations: rolloutAnnotations(input.rollout) },
    spec: {
      hosts: [levelHost(input.application.name, input.level, input.dnsName), `${name}.${input.namespace}.svc.cluster.local`],
      gateways: gateway ? [gateway, 'mesh'] : ['mesh'],
      http: [
        {
          route: input.backends.map((b) => ({
            destination: { host: `${b.k8sName}.${input.namespace}.svc.cluster.local`, port: { number: b.port } },
            weight: b.weight,
          })),
        },
      ],
    },
  } as KubeObject;
}

/** The level's route object for the cluster's router. Pure: the same input gives the same object. */
export function renderTrafficRoute(input: RouteInput): KubeObject {
  check(input);
  return input.router.kind === 'gateway-api' ? gatewayRoute(input, input.router) : virtualService(input, input.router);
}
