import type { ModelStorageSettings, ServiceDbSettings } from '../../../db/schema/clusters.ts';
import type { ServiceLevel } from '../../../db/schema/common.ts';
import type { ServiceSpec } from '../services/spec.ts';

// What rendering needs, as plain values: the caller reads the rows and unseals the secrets; the
// renderer reads nothing and writes nothing. The rendered Secrets hold those secrets, so rendered
// objects go to the cluster only, never to a log or a rollout row.

export type GrpcAnnotationPreset = 'nginx' | 'nghttpx' | 'none';

export type ManifestCluster = {
  dnsName: string;
  ingressClass: string | null;
  grpcAnnotationPreset: GrpcAnnotationPreset;
  nodePinning: boolean;
  modelStorage: ModelStorageSettings;
  serviceDb: ServiceDbSettings | null;
  /** Unsealed; required when serviceDb is set. */
  serviceDbPassword: string | null;
};

export type ManifestApplication = {
  id: number;
  name: string;
  gitUrl: string | null;
  gitBranch: string | null;
  bootScript: string | null;
  /** Unsealed private key, or null when the application has none. */
  gitSshKey: string | null;
};

export type ManifestService = { id: number; k8sName: string; level: ServiceLevel; namespace: string; displayName: string };

/** The current model's file as the pod sees it (under the model mount), or null when none is assigned. */
export type ManifestModel = { path: string } | null;

export type ManifestRollout = { id: number; revision: number };

export type RenderInput = {
  spec: ServiceSpec;
  cluster: ManifestCluster;
  application: ManifestApplication;
  service: ManifestService;
  model: ManifestModel;
  rollout: ManifestRollout;
};
