import type { ClusterRow } from './read.ts';

/** A cluster's settings as audit before/after: secrets appear only as set or not. */
export function clusterAuditView(row: ClusterRow): Record<string, unknown> {
  return {
    name: row.name,
    description: row.description,
    context: row.context,
    apiServerUrl: row.apiServerUrl,
    dnsName: row.dnsName,
    ingressClass: row.ingressClass,
    grpcAnnotationPreset: row.grpcAnnotationPreset,
    namespaceTemplate: row.namespaceTemplate,
    nodePinning: row.nodePinning,
    trafficRouter: row.trafficRouter,
    gatewayName: row.gatewayName,
    gatewayNamespace: row.gatewayNamespace,
    modelStorage: row.modelStorage,
    modelStorageCredentials: row.modelStorageCredentialsSealed ? 'set' : 'none',
    serviceDb: row.serviceDb ? { ...row.serviceDb, password: row.serviceDbPasswordSealed ? 'set' : 'none' } : null,
  };
}

/** The settings that differ between two views, for a one-line summary. */
export function changedSettings(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
