import { z } from 'zod';
import { clusterHealth, grpcAnnotationPresets, trafficRouters } from '../../../db/schema/clusters.ts';
import { id } from '../names.ts';
import {
  clusterName,
  clusterSettingsFields,
  contextName,
  dnsName,
  kubeconfigText,
  modelStorageOutput,
  s3Credentials,
  serviceDbCreateInput,
  serviceDbUpdateInput,
} from './settings.ts';

/** Rules between fields, checked on the settings a cluster ends up with (after defaults or an update). */
export function settingsIssues(s: {
  trafficRouter: string;
  gatewayName?: string | null;
  gatewayNamespace?: string | null;
  writeKind: 'fs' | 's3';
  hasS3Credentials: boolean;
}): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (s.trafficRouter === 'gateway-api') {
    if (!s.gatewayName) issues.push({ path: ['gatewayName'], message: 'name the Gateway that routes attach to (trafficRouter gateway-api)' });
    if (!s.gatewayNamespace) issues.push({ path: ['gatewayNamespace'], message: "give the Gateway's namespace (trafficRouter gateway-api)" });
  }
  if (s.trafficRouter === 'none' && (s.gatewayName || s.gatewayNamespace)) {
    issues.push({ path: ['gatewayName'], message: 'a gateway is used only with trafficRouter gateway-api or istio; choose one or leave the gateway empty' });
  }
  if (s.hasS3Credentials && s.writeKind !== 's3') {
    issues.push({ path: ['modelStorageCredentials'], message: 'S3 credentials go with an S3 write side (modelStorage.write.kind "s3")' });
  }
  return issues;
}

export const createClusterInput = z
  .object({
    projectId: id,
    name: clusterName,
    kubeconfig: kubeconfigText,
    /** The kubeconfig context to use; its current-context (or its only context) when omitted. */
    context: contextName.optional(),
    dnsName,
    ...clusterSettingsFields,
    /** Access keys for an S3 write side; without them the worker's default AWS credentials apply. */
    modelStorageCredentials: s3Credentials.optional(),
    serviceDb: serviceDbCreateInput.optional(),
  })
  .superRefine((input, ctx) => {
    for (const issue of settingsIssues({
      trafficRouter: input.trafficRouter ?? 'none',
      gatewayName: input.gatewayName,
      gatewayNamespace: input.gatewayNamespace,
      writeKind: input.modelStorage?.write?.kind ?? 'fs',
      hasS3Credentials: input.modelStorageCredentials !== undefined,
    })) {
      ctx.addIssue({ code: 'custom', ...issue });
    }
  });

/**
 * Omitted fields keep their value. `kubeconfig` replaces the stored one (verified again first,
 * with `context` picking one of its contexts). `serviceDb: null` removes the
 * service database; inside it, an omitted password keeps the stored one and null clears it.
 * `modelStorage` replaces the sides it names. `modelStorageCredentials: null` removes them.
 */
export const updateClusterInput = z.object({
  clusterId: id,
  name: clusterName.optional(),
  kubeconfig: kubeconfigText.optional(),
  context: contextName.optional(),
  dnsName: dnsName.optional(),
  ...clusterSettingsFields,
  modelStorageCredentials: s3Credentials.nullish(),
  serviceDb: serviceDbUpdateInput.nullish(),
});

export const clusterIdInput = z.object({ clusterId: id });
export const inspectKubeconfigInput = z.object({ projectId: id, kubeconfig: kubeconfigText });

export const kubeconfigContextsOutput = z.object({
  contexts: z.array(
    z.object({
      name: z.string(),
      cluster: z.string(),
      server: z.string(),
      user: z.string(),
      namespace: z.string().optional(),
      /** Why Drucker cannot use this context (e.g. it runs an exec plugin), if it cannot. */
      problem: z.string().optional(),
    }),
  ),
  currentContext: z.string().optional(),
});

export const clusterHealthOutput = z.object({
  health: z.enum(clusterHealth),
  kubernetesVersion: z.string().nullable(),
  lastError: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastHealthyAt: z.string().nullable(),
});

/** What the API says about a cluster: no kubeconfig, password or keys, only whether they are set. */
export const clusterOutput = z.object({
  id: z.number(),
  projectId: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  context: z.string(),
  apiServerUrl: z.string(),
  dnsName: z.string(),
  ingressClass: z.string().nullable(),
  grpcAnnotationPreset: z.enum(grpcAnnotationPresets),
  namespaceTemplate: z.string(),
  nodePinning: z.boolean(),
  trafficRouter: z.enum(trafficRouters),
  gatewayName: z.string().nullable(),
  gatewayNamespace: z.string().nullable(),
  modelStorage: modelStorageOutput,
  modelStorageCredentialsSet: z.boolean(),
  serviceDb: z.object({ host: z.string(), port: z.number(), database: z.string(), user: z.string(), passwordSet: z.boolean() }).nullable(),
  ...clusterHealthOutput.shape,
  /** Services on this cluster that are not deleted. */
  serviceCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ClusterDto = z.infer<typeof clusterOutput>;
export type ClusterHealthDto = z.infer<typeof clusterHealthOutput>;
export type CreateClusterInput = z.input<typeof createClusterInput>;
export type UpdateClusterInput = z.input<typeof updateClusterInput>;
