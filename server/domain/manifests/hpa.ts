import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { KubeObject } from '../../kube/cluster-client.ts';
import type { RenderInput } from './input.ts';
import { serviceLabels } from './labels.ts';

/** The target CPU use when the spec sets autoscaling without a threshold (the HPA walkthrough's). */
export const DEFAULT_CPU_THRESHOLD = 80;

export function renderHpa(input: RenderInput): (KubeObject & HorizontalPodAutoscaler) | undefined {
  const { spec, service, application } = input;
  if (spec.minReplicas === undefined || spec.maxReplicas === undefined) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: service.k8sName, namespace: service.namespace, labels: serviceLabels(application, service) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.k8sName },
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.cpuThreshold ?? DEFAULT_CPU_THRESHOLD } } }],
    },
  };
}
