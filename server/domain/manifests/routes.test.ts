import { describe, expect, it } from 'vitest';
import { renderTrafficRoute, type RouteInput } from './routes.ts';

const base: Omit<RouteInput, 'router'> = {
  dnsName: 'models.example.com',
  application: { id: 7, name: 'iris' },
  level: 'production',
  namespace: 'production',
  backends: [
    { k8sName: 'iris-production-a1', port: 5000, weight: 70 },
    { k8sName: 'iris-production-b2', port: 5000, weight: 20 },
    { k8sName: 'iris-production-c3', port: 8080, weight: 10 },
  ],
  protocol: 'http',
  rollout: { id: 41, revision: 3 },
};

describe('renderTrafficRoute', () => {
  it('renders a Gateway API HTTPRoute on the cluster Gateway with weighted backendRefs', () => {
    const route = renderTrafficRoute({ ...base, router: { kind: 'gateway-api', gatewayName: 'models', gatewayNamespace: 'gateways' } });
    expect(route).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: 'iris-production',
        namespace: 'production',
        labels: {
          app: 'iris',
          'drucker.io/application': 'iris',
          'drucker.io/application-id': '7',
          'drucker.io/level': 'production',
          'drucker.io/managed-by': 'drucker',
        },
        annotations: { 'drucker.io/rollout-id': '41', 'drucker.io/revision': '3' },
      },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'models', namespace: 'gateways' }],
        hostnames: ['iris-production.models.example.com'],
        rules: [
          {
            backendRefs: [
              { group: '', kind: 'Service', name: 'iris-production-a1', port: 5000, weight: 70 },
              { group: '', kind: 'Service', name: 'iris-production-b2', port: 5000, weight: 20 },
              { group: '', kind: 'Service', name: 'iris-production-c3', port: 8080, weight: 10 },
            ],
          },
        ],
      },
    });
  });

  it('renders a GRPCRoute for gRPC backends', () => {
    const route = renderTrafficRoute({ ...base, protocol: 'grpc', router: { kind: 'gateway-api', gatewayName: 'models', gatewayNamespace: 'gateways' } });
    expect(route.kind).toBe('GRPCRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
  });

  it('renders an Istio VirtualService through the named gateway and the mesh', () => {
    const route = renderTrafficRoute({ ...base, router: { kind: 'istio', gatewayName: 'ingress', gatewayNamespace: 'istio-system' } }) as unknown as {
      apiVersion: string;
      kind: string;
      spec: { hosts: string[]; gateways: string[]; http: { route: { destination: { host: string; port: { number: number } }; weight: number }[] }[] };
    };
    expect(route.apiVersion).toBe('networking.istio.io/v1');
    expect(route.kind).toBe('VirtualService');
    expect(route.spec.hosts).toEqual(['iris-production.models.example.com', 'iris-production.production.svc.cluster.local']);
    expect(route.spec.gateways).toEqual(['istio-system/ingress', 'mesh']);
    expect(route.spec.http[0]?.route).toEqual([
      { destination: { host: 'iris-production-a1.production.svc.cluster.local', port: { number: 5000 } }, weight: 70 },
      { destination: { host: 'iris-production-b2.production.svc.cluster.local', port: { number: 5000 } }, weight: 20 },
      { destination: { host: 'iris-production-c3.production.svc.cluster.local', port: { number: 8080 } }, weight: 10 },
    ]);
  });

  it('uses the mesh alone when Istio has no gateway named', () => {
    const route = renderTrafficRoute({ ...base, router: { kind: 'istio', gatewayName: null, gatewayNamespace: null } }) as unknown as { spec: { gateways: string[] } };
    expect(route.spec.gateways).toEqual(['mesh']);
  });

  it('keeps a 0 weight as a backend that gets no traffic', () => {
    const backends = [
      { k8sName: 'a', port: 1, weight: 100 },
      { k8sName: 'b', port: 1, weight: 0 },
    ];
    const route = renderTrafficRoute({ ...base, backends, router: { kind: 'gateway-api', gatewayName: 'g', gatewayNamespace: 'n' } }) as unknown as {
      spec: { rules: { backendRefs: { weight: number }[] }[] };
    };
    expect(route.spec.rules[0]?.backendRefs.map((b) => b.weight)).toEqual([100, 0]);
  });

  it('refuses weights that do not add up to 100', () => {
    const backends = [
      { k8sName: 'a', port: 1, weight: 60 },
      { k8sName: 'b', port: 1, weight: 30 },
    ];
    expect(() => renderTrafficRoute({ ...base, backends, router: { kind: 'istio', gatewayName: null, gatewayNamespace: null } })).toThrow(/add up to 90, not 100/);
  });
});
