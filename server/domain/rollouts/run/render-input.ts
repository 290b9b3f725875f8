import { unseal } from '../../../crypto/seal.ts';
import type { RenderInput } from '../../manifests/input.ts';
import type { RolloutContext } from './load.ts';

/** Where a model's file is under a cluster's model storage: <application>/<model name>-<version>/<file>. */
export function modelPodPath(mountPath: string, applicationName: string, model: { name: string; version: string; fileName: string }): string {
  return `${mountPath.replace(/\/+$/, '')}/${applicationName}/${model.name}-${model.version}/${model.fileName}`;
}

/** The renderer's input for this rollout: its spec snapshot, with the secrets it needs unsealed here and nowhere else. */
export function renderInputFor(context: RolloutContext & { cluster: NonNullable<RolloutContext['cluster']> }): RenderInput {
  const { rollout, service, application, cluster, model } = context;
  return {
    spec: rollout.spec,
    cluster: {
      dnsName: cluster.dnsName,
      ingressClass: cluster.ingressClass,
      grpcAnnotationPreset: cluster.grpcAnnotationPreset,
      nodePinning: cluster.nodePinning,
      modelStorage: cluster.modelStorage,
      serviceDb: cluster.serviceDb,
      serviceDbPassword:
        cluster.serviceDb && cluster.serviceDbPasswordSealed
          ? unseal(cluster.serviceDbPasswordSealed, { table: 'clusters', column: 'service_db_password_sealed', id: cluster.id })
          : null,
    },
    application: {
      id: application.id,
      name: application.name,
      gitUrl: application.gitUrl,
      gitBranch: application.gitBranch,
      bootScript: application.bootScript,
      gitSshKey: application.gitSshKeySealed ? unseal(application.gitSshKeySealed, { table: 'applications', column: 'git_ssh_key_sealed', id: application.id }) : null,
    },
    service: { id: service.id, k8sName: service.k8sName, level: service.level, namespace: service.namespace, displayName: service.displayName },
    model: model ? { path: modelPodPath(cluster.modelStorage.mountPath, application.name, model) } : null,
    rollout: { id: rollout.id, revision: rollout.revision },
  };
}
