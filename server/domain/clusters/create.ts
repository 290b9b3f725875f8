import { and, eq } from 'drizzle-orm';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { getProject } from '../projects/projects.ts';
import { clusterAuditView } from './audit-view.ts';
import { checkNamespaceTemplate } from './namespace-check.ts';
import { createClusterInput, type CreateClusterInput } from './fields.ts';
import { clusterDefaults, defaultModelStorage } from './settings.ts';
import { writeKubeconfig, writeModelStorageCredentials, writeServiceDbPassword } from './secrets.ts';
import { verifyOrThrow } from './verify.ts';
import { minifyKubeconfig } from '../../kube/kubeconfig.ts';

export const clusterNameTaken = (name: string) => new AppError('CONFLICT', `A cluster named ${name} already exists in this project; choose another name.`);

async function nameInUse(db: Db, projectId: number, name: string): Promise<boolean> {
  const rows = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.projectId, projectId), eq(clusters.name, name)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Adds a cluster: verifies that its kubeconfig reaches the API server with every permission
 * Drucker needs, then saves it with its secrets sealed to the new row, all in one transaction.
 * A failed verification saves nothing and says what failed.
 */
export async function createCluster(
  db: Db,
  actor: Actor,
  raw: CreateClusterInput,
  options: { requestId?: string; verifyTimeoutMs?: number } = {},
): Promise<{ clusterId: number }> {
  const input = createClusterInput.parse(raw);
  const project = await getProject(db, input.projectId);
  if (!project) throw notFound('The project');
  const namespaceTemplate = input.namespaceTemplate ?? clusterDefaults.namespaceTemplate;
  checkNamespaceTemplate(namespaceTemplate, project.name);
  // A taken name is known before the slow verification; the unique index settles races.
  if (await nameInUse(db, input.projectId, input.name)) throw clusterNameTaken(input.name);

  const trafficRouter = input.trafficRouter ?? clusterDefaults.trafficRouter;
  const verified = await verifyOrThrow(input.kubeconfig, input.context, { trafficRouter, timeoutMs: options.verifyTimeoutMs });
  const defaults = defaultModelStorage(input.name);
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(clusters)
        .values({
          projectId: input.projectId,
          name: input.name,
          description: input.description ?? null,
          // Sealed right below, once the row has the id the seal is bound to.
          kubeconfigSealed: '',
          context: verified.context,
          apiServerUrl: verified.apiServerUrl,
          dnsName: input.dnsName,
          ingressClass: input.ingressClass ?? null,
          grpcAnnotationPreset: input.grpcAnnotationPreset ?? clusterDefaults.grpcAnnotationPreset,
          namespaceTemplate,
          nodePinning: input.nodePinning ?? clusterDefaults.nodePinning,
          trafficRouter,
          gatewayName: trafficRouter === 'none' ? null : (input.gatewayName ?? null),
          gatewayNamespace: trafficRouter === 'none' ? null : (input.gatewayNamespace ?? null),
          modelStorage: {
            write: input.modelStorage?.write ?? defaults.write,
            pods: input.modelStorage?.pods ?? defaults.pods,
            mountPath: input.modelStorage?.mountPath ?? defaults.mountPath,
          },
          serviceDb: input.serviceDb ? { host: input.serviceDb.host, port: input.serviceDb.port, database: input.serviceDb.database, user: input.serviceDb.user } : null,
          health: 'healthy',
          kubernetesVersion: verified.kubernetesVersion,
          lastCheckedAt: now,
          lastHealthyAt: now,
        })
        .$returningId();
      if (!created) throw new Error('insert returned no id');
      // Only the verified context, its cluster and its user are kept: a kubeconfig with many
      // contexts does not leave credentials for other clusters here.
      await writeKubeconfig(tx, created.id, minifyKubeconfig(input.kubeconfig, verified.context));
      if (input.serviceDb?.password) await writeServiceDbPassword(tx, created.id, input.serviceDb.password);
      if (input.modelStorageCredentials) await writeModelStorageCredentials(tx, created.id, input.modelStorageCredentials);
      const [row] = await tx.select().from(clusters).where(eq(clusters.id, created.id));
      if (!row) throw new Error('the new cluster vanished');
      await recordAudit(tx, {
        projectId: input.projectId,
        actor,
        action: 'cluster.create',
        target: { type: 'cluster', id: created.id, label: input.name },
        summary: `added cluster ${input.name} (${verified.apiServerUrl}, context ${verified.context}, Kubernetes ${verified.kubernetesVersion})`,
        after: clusterAuditView(row),
        requestId: options.requestId,
      });
      return { clusterId: created.id };
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw clusterNameTaken(input.name);
    throw error;
  }
}
