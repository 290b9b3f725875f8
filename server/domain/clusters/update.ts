import { eq } from 'drizzle-orm';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { clusters, type ModelStorageSettings, type ServiceDbSettings } from '../../../db/schema/clusters.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, describeIssues, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { changedSettings, clusterAuditView } from './audit-view.ts';
import { clusterNameTaken } from './create.ts';
import { settingsIssues, updateClusterInput, type UpdateClusterInput } from './fields.ts';
import { checkNamespaceTemplate } from './namespace-check.ts';
import { findCluster, type ClusterRow } from './read.ts';
import { getProject } from '../projects/projects.ts';
import { unsealKubeconfig, writeKubeconfig, writeModelStorageCredentials, writeServiceDbPassword } from './secrets.ts';
import { verifyOrThrow, type Verified } from './verify.ts';
import { minifyKubeconfig } from '../../kube/kubeconfig.ts';

const keep = <T>(next: T | undefined, current: T): T => (next === undefined ? current : next);

type ParsedUpdate = ReturnType<typeof updateClusterInput.parse>;

/**
 * The settings a cluster ends up with after an update, and the secrets to write (undefined: keep).
 * Throws a 400 when they do not fit together.
 */
function mergeSettings(row: ClusterRow, input: ParsedUpdate) {
  const trafficRouter = keep(input.trafficRouter, row.trafficRouter);
  const modelStorage: ModelStorageSettings = {
    write: input.modelStorage?.write ?? row.modelStorage.write,
    pods: input.modelStorage?.pods ?? row.modelStorage.pods,
    mountPath: input.modelStorage?.mountPath ?? row.modelStorage.mountPath,
  };
  // Credentials belong to an S3 write side: moving to a directory drops them.
  const credentials = modelStorage.write.kind === 's3' ? input.modelStorageCredentials : null;
  const hasCredentials = credentials === undefined ? row.modelStorageCredentialsSealed != null : credentials !== null;
  const serviceDb: ServiceDbSettings | null =
    input.serviceDb === undefined
      ? row.serviceDb
      : input.serviceDb === null
        ? null
        : { host: input.serviceDb.host, port: input.serviceDb.port, database: input.serviceDb.database, user: input.serviceDb.user };
  // An omitted password keeps the stored one; removing the database removes its password.
  const password = input.serviceDb === null ? null : input.serviceDb?.password;
  const next = {
    name: keep(input.name, row.name),
    description: keep(input.description, row.description),
    dnsName: keep(input.dnsName, row.dnsName),
    ingressClass: keep(input.ingressClass, row.ingressClass),
    grpcAnnotationPreset: keep(input.grpcAnnotationPreset, row.grpcAnnotationPreset),
    namespaceTemplate: keep(input.namespaceTemplate, row.namespaceTemplate),
    nodePinning: keep(input.nodePinning, row.nodePinning),
    trafficRouter,
    gatewayName: trafficRouter === 'none' ? null : keep(input.gatewayName, row.gatewayName),
    gatewayNamespace: trafficRouter === 'none' ? null : keep(input.gatewayNamespace, row.gatewayNamespace),
    modelStorage,
    serviceDb,
  };
  const issues = settingsIssues({ ...next, writeKind: modelStorage.write.kind, hasS3Credentials: hasCredentials });
  if (issues.length > 0) throw new AppError('BAD_REQUEST', `Invalid input: ${describeIssues(issues)}`);
  return { next, password, credentials };
}

/**
 * Changes a cluster's settings; omitted fields keep their value. A new kubeconfig, or another
 * context of the stored one, is verified first exactly as on create, and nothing changes if that
 * fails. Services keep the namespace they were created in; other settings apply from their next rollout.
 */
export async function updateCluster(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: UpdateClusterInput,
  options: { requestId?: string; verifyTimeoutMs?: number } = {},
): Promise<void> {
  const input = updateClusterInput.parse(raw);
  const existing = await findCluster(db, projectId, input.clusterId);
  if (!existing) throw notFound('That cluster');
  if (input.kubeconfig === undefined && input.context !== undefined && input.context !== existing.context) {
    throw new AppError('BAD_REQUEST', `Drucker keeps only the context it uses (${existing.context}); to use ${input.context}, upload the kubeconfig again and pick it.`);
  }
  if (input.namespaceTemplate !== undefined) {
    const project = await getProject(db, projectId);
    if (!project) throw notFound('The project');
    checkNamespaceTemplate(input.namespaceTemplate, project.name);
  }
  // Settings that cannot work are refused before anything slow happens.
  mergeSettings(existing, input);

  // Verification can take seconds, so it runs before the transaction; the stored kubeconfig it
  // used is compared under the row lock below, so a replacement made meanwhile is not overwritten.
  // A new traffic router needs its route permissions, so it is verified too.
  const reconnect = input.kubeconfig !== undefined || (input.trafficRouter !== undefined && input.trafficRouter !== existing.trafficRouter);
  let verified: Verified | undefined;
  if (reconnect) {
    const kubeconfig = input.kubeconfig ?? unsealKubeconfig(existing.id, existing.kubeconfigSealed);
    const context = input.kubeconfig === undefined ? existing.context : input.context;
    verified = await verifyOrThrow(kubeconfig, context, { trafficRouter: input.trafficRouter ?? existing.trafficRouter, timeoutMs: options.verifyTimeoutMs });
  }

  try {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(clusters).where(eq(clusters.id, existing.id)).for('update');
      if (!row || row.projectId !== projectId) throw notFound('That cluster');
      if (verified && row.kubeconfigSealed !== existing.kubeconfigSealed) {
        throw new AppError('CONFLICT', `The kubeconfig of cluster ${row.name} was replaced by someone else while this change was verified; reload and try again.`);
      }

      const { next, password, credentials } = mergeSettings(row, input);

      const now = new Date();
      await tx
        .update(clusters)
        .set({
          ...next,
          ...(verified
            ? {
                context: verified.context,
                apiServerUrl: verified.apiServerUrl,
                kubernetesVersion: verified.kubernetesVersion,
                health: 'healthy' as const,
                lastError: null,
                lastCheckedAt: now,
                lastHealthyAt: now,
              }
            : {}),
        })
        .where(eq(clusters.id, row.id));
      if (input.kubeconfig !== undefined) await writeKubeconfig(tx, row.id, minifyKubeconfig(input.kubeconfig, verified?.context));
      if (password !== undefined) await writeServiceDbPassword(tx, row.id, password);
      if (credentials !== undefined) await writeModelStorageCredentials(tx, row.id, credentials);

      const [updated] = await tx.select().from(clusters).where(eq(clusters.id, row.id));
      if (!updated) throw new Error('the cluster vanished during its update');
      const before = clusterAuditView(row);
      const after = clusterAuditView(updated);
      const changed = changedSettings(before, after);
      if (input.kubeconfig !== undefined) changed.push('kubeconfig replaced');
      if (password && row.serviceDbPasswordSealed) changed.push('service DB password replaced');
      if (credentials && row.modelStorageCredentialsSealed) changed.push('S3 credentials replaced');
      await recordAudit(tx, {
        projectId,
        actor,
        action: 'cluster.update',
        target: { type: 'cluster', id: row.id, label: updated.name },
        summary: `updated cluster ${updated.name}${changed.length > 0 ? `: ${changed.join(', ')}` : ' (no changes)'}`,
        before,
        after: { ...after, ...(input.kubeconfig !== undefined ? { kubeconfig: 'replaced' } : {}) },
        requestId: options.requestId,
      });
    });
  } catch (error) {
    if (isDuplicateKey(error) && input.name) throw clusterNameTaken(input.name);
    throw error;
  }
}
