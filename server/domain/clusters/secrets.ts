import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { seal, unseal, type SealedField } from '../../crypto/seal.ts';
import { notFound } from '../../errors.ts';

// A cluster's three secrets, each sealed to its own column of its own row. Writers run inside the
// mutation's transaction after the row exists; readers are for the worker and the health check,
// never for API output or logs.

const field = (column: 'kubeconfig_sealed' | 'service_db_password_sealed' | 'model_storage_credentials_sealed', clusterId: number): SealedField => ({
  table: 'clusters',
  column,
  id: clusterId,
});

export type S3Credentials = { accessKeyId: string; secretAccessKey: string };

export async function writeKubeconfig(tx: DbOrTx, clusterId: number, kubeconfig: string): Promise<void> {
  await tx
    .update(clusters)
    .set({ kubeconfigSealed: seal(kubeconfig, field('kubeconfig_sealed', clusterId)) })
    .where(eq(clusters.id, clusterId));
}

/** null removes the password. */
export async function writeServiceDbPassword(tx: DbOrTx, clusterId: number, password: string | null): Promise<void> {
  await tx
    .update(clusters)
    .set({ serviceDbPasswordSealed: password === null ? null : seal(password, field('service_db_password_sealed', clusterId)) })
    .where(eq(clusters.id, clusterId));
}

/** null removes the credentials. */
export async function writeModelStorageCredentials(tx: DbOrTx, clusterId: number, credentials: S3Credentials | null): Promise<void> {
  await tx
    .update(clusters)
    .set({
      modelStorageCredentialsSealed:
        credentials === null
          ? null
          : seal(JSON.stringify({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }), field('model_storage_credentials_sealed', clusterId)),
    })
    .where(eq(clusters.id, clusterId));
}

export const unsealKubeconfig = (clusterId: number, sealed: string) => unseal(sealed, field('kubeconfig_sealed', clusterId));

/** How to reach a cluster: its kubeconfig in clear and the context to use. */
export async function clusterConnection(db: DbOrTx, clusterId: number): Promise<{ kubeconfig: string; context: string; apiServerUrl: string }> {
  const [row] = await db
    .select({ sealed: clusters.kubeconfigSealed, context: clusters.context, apiServerUrl: clusters.apiServerUrl })
    .from(clusters)
    .where(eq(clusters.id, clusterId))
    .limit(1);
  if (!row) throw notFound('That cluster');
  return { kubeconfig: unsealKubeconfig(clusterId, row.sealed), context: row.context, apiServerUrl: row.apiServerUrl };
}

/** The service database's password in clear, or null when there is none. */
export async function clusterServiceDbPassword(db: DbOrTx, clusterId: number): Promise<string | null> {
  const [row] = await db.select({ sealed: clusters.serviceDbPasswordSealed }).from(clusters).where(eq(clusters.id, clusterId)).limit(1);
  return row?.sealed ? unseal(row.sealed, field('service_db_password_sealed', clusterId)) : null;
}

/** The S3 write side's access keys, or null to use the worker's default credentials. */
export async function clusterModelStorageCredentials(db: DbOrTx, clusterId: number): Promise<S3Credentials | null> {
  const [row] = await db.select({ sealed: clusters.modelStorageCredentialsSealed }).from(clusters).where(eq(clusters.id, clusterId)).limit(1);
  if (!row?.sealed) return null;
  const parsed = JSON.parse(unseal(row.sealed, field('model_storage_credentials_sealed', clusterId))) as S3Credentials;
  return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
}
