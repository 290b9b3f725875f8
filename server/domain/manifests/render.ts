import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../kube/cluster-client.ts';
import type { ObjectRef } from '../../kube/resources.ts';
import { AppError } from '../../errors.ts';
import { renderDeployment } from './deployment.ts';
import { renderHpa } from './hpa.ts';
import type { RenderInput } from './input.ts';
import { MANAGED_BY, LABELS } from './labels.ts';
import { isDnsLabel, isDnsSubdomain } from './names.ts';
import { renderLevelNetwork, renderServiceNetwork } from './network.ts';
import { perServiceRefs } from './refs.ts';
import { renderSecrets } from './secrets.ts';

// The one entry point: a service's whole desired state on its cluster, as plain objects for
// server-side apply. Pure: the same input gives the same objects, so a retried rollout applies
// the same thing and the API server sees no change.

export type RenderedService = {
  /** In apply order: Namespace, Secrets, Deployment, HPA, Service, Ingress, then the level's Service and Ingress. */
  objects: KubeObject[];
  /**
   * This service's objects that some configurations have and this one does not (the HPA once
   * autoscaling is off, the SSH key Secret once the application has none): remove them after applying.
   */
  stale: ObjectRef[];
};

function check(input: RenderInput): void {
  const { service, cluster } = input;
  if (!isDnsLabel(service.namespace)) throw new AppError('BAD_REQUEST', `the namespace "${service.namespace}" is not a DNS-1123 label`);
  if (!isDnsLabel(service.k8sName)) throw new AppError('BAD_REQUEST', `the service name "${service.k8sName}" is not a DNS-1123 label of at most 63 characters`);
  if (!isDnsSubdomain(cluster.dnsName)) throw new AppError('BAD_REQUEST', `the cluster's DNS name "${cluster.dnsName}" is not a valid DNS name (like models.example.com)`);
}

export function renderService(input: RenderInput): RenderedService {
  check(input);
  const namespace: KubeObject & Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: input.service.namespace, labels: { [LABELS.managedBy]: MANAGED_BY } },
  };
  const hpa = renderHpa(input);
  const objects: KubeObject[] = [
    namespace,
    ...renderSecrets(input),
    renderDeployment(input),
    ...(hpa ? [hpa] : []),
    ...renderServiceNetwork(input),
    ...renderLevelNetwork(input.cluster, input.application, input.service.level, input.service.namespace),
  ];
  const rendered = new Set(objects.map((o) => `${o.kind}/${o.metadata.name}`));
  const stale = perServiceRefs(input.service).filter((r) => !rendered.has(`${r.kind}/${r.name}`));
  return { objects, stale };
}

