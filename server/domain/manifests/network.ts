import type { Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../../kube/cluster-client.ts';
import type { GrpcAnnotationPreset, ManifestApplication, ManifestCluster, RenderInput } from './input.ts';
import { levelLabels, levelSelector, serviceLabels, serviceSelector } from './labels.ts';
import { isDnsSubdomain, levelHost, levelK8sName, serviceHost } from './names.ts';
import { PORT_NAME } from './pod-template.ts';
import { AppError } from '../../errors.ts';

// Each service has its own Service and Ingress host (to test one variant); each application and
// level has one Service over all its services' pods and one Ingress host, the original's address,
// so an A/B pair shares the traffic by ready pods.

/** The level Service's port; pods are reached through the port name, whatever their own port. */
export const LEVEL_PORT = 5000;

/** The annotations that make the cluster's ingress controller speak HTTP/2 (gRPC) to the backend. */
export function grpcAnnotations(preset: GrpcAnnotationPreset, serviceName: string, port: number): Record<string, string> {
  switch (preset) {
    case 'nginx':
      return { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' };
    case 'nghttpx':
      // nghttpx-ingress-controller: per backend Service and port (as the Ingress names it), the protocol.
      return { 'ingress.zlab.co.jp/backend-config': JSON.stringify({ [serviceName]: { [String(port)]: { proto: 'h2' } } }) };
    case 'none':
      return {};
  }
}

function service(name: string, namespace: string, labels: Record<string, string>, selector: Record<string, string>, port: number): KubeObject & Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: { type: 'ClusterIP', selector, ports: [{ name: PORT_NAME, port, targetPort: PORT_NAME, protocol: 'TCP' }] },
  };
}

function ingress(cluster: ManifestCluster, name: string, namespace: string, labels: Record<string, string>, host: string, port: number): KubeObject & Ingress {
  if (!isDnsSubdomain(host)) {
    throw new AppError('BAD_REQUEST', `the ingress host "${host}" is not a valid DNS name (labels of at most 63 lowercase letters, digits and '-'); check the cluster's DNS name`);
  }
  const annotations = grpcAnnotations(cluster.grpcAnnotationPreset, name, port);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...(cluster.ingressClass ? { ingressClassName: cluster.ingressClass } : {}),
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: port } } } }] } }],
    },
  };
}

export function renderServiceNetwork(input: RenderInput): (KubeObject & (Service | Ingress))[] {
  const { service: svc, application, cluster, spec } = input;
  const labels = serviceLabels(application, svc);
  return [
    service(svc.k8sName, svc.namespace, labels, serviceSelector(svc), spec.port),
    ingress(cluster, svc.k8sName, svc.namespace, labels, serviceHost(svc.k8sName, cluster.dnsName), spec.port),
  ];
}

export function renderLevelNetwork(cluster: ManifestCluster, application: ManifestApplication, level: string, namespace: string): (KubeObject & (Service | Ingress))[] {
  const name = levelK8sName(application.name, level);
  const labels = levelLabels(application, level);
  return [
    service(name, namespace, labels, levelSelector(application, level), LEVEL_PORT),
    ingress(cluster, name, namespace, labels, levelHost(application.name, level, cluster.dnsName), LEVEL_PORT),
  ];
}
