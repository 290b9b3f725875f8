import type { SecretAction } from '../ui/secret-choice.tsx';
import type { RouterInputs, RouterOutputs } from '../../lib/trpc.ts';

// The Add/Edit cluster form as plain strings and flags, and how it becomes the API's input.
// Secrets start empty; in an edit, each has its own "keep / replace / remove" choice.

type Cluster = RouterOutputs['cluster']['get'];

export const DEFAULT_POD_DIR = '/mnt/drucker-model';

export type ClusterFormState = {
  kubeconfig: string;
  kubeconfigFileName: string | null;
  /** Edit only: false keeps the stored kubeconfig. */
  replaceKubeconfig: boolean;
  context: string;
  name: string;
  description: string;
  dnsName: string;
  ingressClass: string;
  grpcAnnotationPreset: 'nginx' | 'nghttpx' | 'none';
  namespaceTemplate: string;
  nodePinning: boolean;
  trafficRouter: 'none' | 'gateway-api' | 'istio';
  gatewayName: string;
  gatewayNamespace: string;
  writeKind: 'fs' | 's3';
  dir: string;
  bucket: string;
  prefix: string;
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
  s3Action: SecretAction;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  podsKind: 'hostPath' | 'pvc';
  hostPath: string;
  claimName: string;
  mountPath: string;
  serviceDb: boolean;
  dbHost: string;
  dbPort: string;
  dbName: string;
  dbUser: string;
  dbPasswordAction: SecretAction;
  dbPassword: string;
};

export const emptyClusterForm: ClusterFormState = {
  kubeconfig: '',
  kubeconfigFileName: null,
  replaceKubeconfig: true,
  context: '',
  name: '',
  description: '',
  dnsName: '',
  ingressClass: '',
  grpcAnnotationPreset: 'nginx',
  namespaceTemplate: '{level}',
  nodePinning: false,
  trafficRouter: 'none',
  gatewayName: '',
  gatewayNamespace: '',
  writeKind: 'fs',
  dir: '',
  bucket: '',
  prefix: '',
  endpoint: '',
  region: '',
  forcePathStyle: false,
  s3Action: 'replace',
  s3AccessKeyId: '',
  s3SecretAccessKey: '',
  podsKind: 'hostPath',
  hostPath: DEFAULT_POD_DIR,
  claimName: '',
  mountPath: DEFAULT_POD_DIR,
  serviceDb: false,
  dbHost: '',
  dbPort: '3306',
  dbName: '',
  dbUser: '',
  dbPasswordAction: 'replace',
  dbPassword: '',
};

/** The form for editing an existing cluster: its settings, its secrets kept. */
export function formFromCluster(c: Cluster): ClusterFormState {
  const write = c.modelStorage.write;
  const pods = c.modelStorage.pods;
  return {
    ...emptyClusterForm,
    replaceKubeconfig: false,
    context: c.context,
    name: c.name,
    description: c.description ?? '',
    dnsName: c.dnsName,
    ingressClass: c.ingressClass ?? '',
    grpcAnnotationPreset: c.grpcAnnotationPreset,
    namespaceTemplate: c.namespaceTemplate,
    nodePinning: c.nodePinning,
    trafficRouter: c.trafficRouter,
    gatewayName: c.gatewayName ?? '',
    gatewayNamespace: c.gatewayNamespace ?? '',
    writeKind: write.kind,
    dir: write.kind === 'fs' ? write.dir : '',
    bucket: write.kind === 's3' ? write.bucket : '',
    prefix: write.kind === 's3' ? write.prefix : '',
    endpoint: write.kind === 's3' ? (write.endpoint ?? '') : '',
    region: write.kind === 's3' ? (write.region ?? '') : '',
    forcePathStyle: write.kind === 's3' ? (write.forcePathStyle ?? false) : false,
    s3Action: c.modelStorageCredentialsSet ? 'keep' : 'replace',
    podsKind: pods.kind,
    hostPath: pods.kind === 'hostPath' ? pods.path : DEFAULT_POD_DIR,
    claimName: pods.kind === 'pvc' ? pods.claimName : '',
    mountPath: c.modelStorage.mountPath,
    serviceDb: c.serviceDb !== null,
    dbHost: c.serviceDb?.host ?? '',
    dbPort: String(c.serviceDb?.port ?? 3306),
    dbName: c.serviceDb?.database ?? '',
    dbUser: c.serviceDb?.user ?? '',
    dbPasswordAction: c.serviceDb?.passwordSet ? 'keep' : 'replace',
  };
}

const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());

function modelStorage(s: ClusterFormState) {
  const write =
    s.writeKind === 'fs'
      ? optional(s.dir) === undefined
        ? undefined
        : { kind: 'fs' as const, dir: s.dir.trim() }
      : { kind: 's3' as const, bucket: s.bucket.trim(), prefix: s.prefix.trim(), endpoint: optional(s.endpoint), region: optional(s.region), forcePathStyle: s.forcePathStyle || undefined };
  const pods = s.podsKind === 'hostPath' ? { kind: 'hostPath' as const, path: s.hostPath.trim() } : { kind: 'pvc' as const, claimName: s.claimName.trim() };
  return { write, pods, mountPath: s.mountPath.trim() };
}

const s3Keys = (s: ClusterFormState) => ({ accessKeyId: s.s3AccessKeyId.trim(), secretAccessKey: s.s3SecretAccessKey });

function common(s: ClusterFormState) {
  return {
    dnsName: s.dnsName.trim(),
    ingressClass: optional(s.ingressClass) ?? null,
    grpcAnnotationPreset: s.grpcAnnotationPreset,
    namespaceTemplate: s.namespaceTemplate.trim(),
    nodePinning: s.nodePinning,
    trafficRouter: s.trafficRouter,
    gatewayName: s.trafficRouter === 'none' ? null : (optional(s.gatewayName) ?? null),
    gatewayNamespace: s.trafficRouter === 'none' ? null : (optional(s.gatewayNamespace) ?? null),
    modelStorage: modelStorage(s),
  };
}

function dbFields(s: ClusterFormState) {
  return { host: s.dbHost.trim(), port: Number(s.dbPort) || 3306, database: s.dbName.trim(), user: s.dbUser.trim() };
}

export function toCreateInput(projectId: number, s: ClusterFormState): RouterInputs['cluster']['create'] {
  const wantsKeys = s.writeKind === 's3' && (s.s3AccessKeyId.trim() !== '' || s.s3SecretAccessKey !== '');
  return {
    projectId,
    name: s.name.trim(),
    description: optional(s.description),
    kubeconfig: s.kubeconfig,
    context: optional(s.context),
    ...common(s),
    ingressClass: optional(s.ingressClass),
    gatewayName: s.trafficRouter === 'none' ? undefined : optional(s.gatewayName),
    gatewayNamespace: s.trafficRouter === 'none' ? undefined : optional(s.gatewayNamespace),
    modelStorageCredentials: wantsKeys ? s3Keys(s) : undefined,
    serviceDb: s.serviceDb ? { ...dbFields(s), password: s.dbPassword === '' ? undefined : s.dbPassword } : undefined,
  };
}

export function toUpdateInput(clusterId: number, s: ClusterFormState): RouterInputs['cluster']['update'] {
  const credentials =
    s.writeKind !== 's3' || s.s3Action === 'keep' ? undefined : s.s3Action === 'remove' || (s.s3AccessKeyId.trim() === '' && s.s3SecretAccessKey === '') ? null : s3Keys(s);
  const password = s.dbPasswordAction === 'keep' ? undefined : s.dbPasswordAction === 'remove' || s.dbPassword === '' ? null : s.dbPassword;
  return {
    clusterId,
    name: s.name.trim(),
    description: s.description.trim() === '' ? null : s.description.trim(),
    ...(s.replaceKubeconfig ? { kubeconfig: s.kubeconfig, context: optional(s.context) } : {}),
    ...common(s),
    modelStorageCredentials: credentials,
    serviceDb: s.serviceDb ? { ...dbFields(s), password } : null,
  };
}
