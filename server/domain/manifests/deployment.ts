import type { Deployment, DeploymentStrategy } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../kube/cluster-client.ts';
import type { ServiceSpec } from '../services/spec.ts';
import type { RenderInput } from './input.ts';
import { ANNOTATIONS, rolloutAnnotations, serviceLabels, serviceSelector } from './labels.ts';
import { renderPodTemplate } from './pod-template.ts';

export const hasAutoscaling = (spec: ServiceSpec) => spec.minReplicas !== undefined && spec.maxReplicas !== undefined;

function strategy(spec: ServiceSpec): DeploymentStrategy {
  if (spec.strategy === 'Recreate') return { type: 'Recreate' };
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: spec.maxSurge, maxUnavailable: spec.maxUnavailable } };
}

export function renderDeployment(input: RenderInput): KubeObject & Deployment {
  const { spec, service, application, rollout } = input;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: service.k8sName,
      namespace: service.namespace,
      labels: serviceLabels(application, service),
      // On the Deployment, not the pod template: a new rollout id alone must not roll the pods.
      annotations: { ...rolloutAnnotations(rollout), [ANNOTATIONS.displayName]: service.displayName },
    },
    spec: {
      // Left out when an HPA owns the count (the gateway hands the live count over first, so it
      // does not fall back to 1 when autoscaling is switched on).
      ...(hasAutoscaling(spec) ? {} : { replicas: spec.replicas }),
      selector: { matchLabels: serviceSelector(service) },
      strategy: strategy(spec),
      minReadySeconds: spec.minReadySeconds,
      progressDeadlineSeconds: spec.progressDeadlineSeconds,
      revisionHistoryLimit: 10,
      template: renderPodTemplate(input),
    },
  };
}
