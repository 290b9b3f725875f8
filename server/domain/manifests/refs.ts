import type { ObjectRef } from '../../kube/resources.ts';
import { levelK8sName } from './names.ts';
import { dbSecretName, sshSecretName } from './secrets.ts';

// The objects a service or a level can own on its cluster, for removal. Ingresses go first, so
// traffic stops before the pods do; Secrets last, so no pod starts without its key meanwhile.

type ServiceRefInput = { k8sName: string; namespace: string };

/** Every object Drucker can render for one service, whatever its configuration. */
export function perServiceRefs(service: ServiceRefInput): ObjectRef[] {
  const { k8sName: name, namespace } = service;
  return [
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace, name },
    { apiVersion: 'v1', kind: 'Service', namespace, name },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name },
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name },
    { apiVersion: 'v1', kind: 'Secret', namespace, name: sshSecretName(name) },
    { apiVersion: 'v1', kind: 'Secret', namespace, name: dbSecretName(name) },
  ];
}

export function levelRefs(app: string, level: string, namespace: string): ObjectRef[] {
  const name = levelK8sName(app, level);
  return [
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace, name },
    { apiVersion: 'v1', kind: 'Service', namespace, name },
  ];
}

/**
 * What a `delete` rollout removes: the service's objects, and the level's shared Service and
 * Ingress when it was the application's last service at that level in that namespace of the
 * cluster. The namespace itself stays: other things may live in it.
 */
export function objectsToRemove(args: { service: ServiceRefInput & { level: string }; applicationName: string; lastOfLevel: boolean }): ObjectRef[] {
  const { service, applicationName, lastOfLevel } = args;
  return [...(lastOfLevel ? levelRefs(applicationName, service.level, service.namespace) : []), ...perServiceRefs(service)];
}
