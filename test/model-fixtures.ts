import { eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { db } from '../db/client.ts';
import { clusters } from '../db/schema/clusters.ts';
import type { Actor } from '../server/auth/actor.ts';
import { writeModelStorageCredentials } from '../server/domain/clusters/secrets.ts';
import { uploadModel } from '../server/domain/models/upload.ts';
import { env } from '../server/env.ts';
import { stagingStorage } from '../server/storage/open.ts';
import type { ModelStorage } from '../server/storage/storage.ts';
import type { S3Server } from './s3.ts';
import { unique } from './fixtures.ts';

/** Uploads bytes as a model through the domain (the route's own tests cover HTTP). */
export async function makeModel(
  actor: Actor,
  projectId: number,
  applicationId: number,
  options: { bytes?: Buffer; name?: string; version?: string; staging?: ModelStorage } = {},
): Promise<number> {
  const bytes = options.bytes ?? Buffer.from(`model ${unique('bytes')}`);
  const { modelId } = await uploadModel(db(), actor, projectId, { applicationId, name: options.name ?? unique('model'), version: options.version }, Readable.from([bytes]), {
    staging: options.staging ?? stagingStorage(env()),
    maxBytes: 1024 * 1024 * 1024,
  });
  return modelId;
}

/** Points a cluster's write side at a directory. */
export async function useFsStorage(clusterId: number, dir: string): Promise<void> {
  const [row] = await db().select().from(clusters).where(eq(clusters.id, clusterId));
  await db()
    .update(clusters)
    .set({ modelStorage: { ...row!.modelStorage, write: { kind: 'fs', dir } } })
    .where(eq(clusters.id, clusterId));
}

/** Points a cluster's write side at a bucket of a running s3rver, with sealed credentials. */
export async function useS3Storage(clusterId: number, s3: S3Server, bucket: string): Promise<void> {
  const settings = await s3.bucket(bucket);
  const [row] = await db().select().from(clusters).where(eq(clusters.id, clusterId));
  await db()
    .update(clusters)
    .set({ modelStorage: { ...row!.modelStorage, write: { kind: 's3', bucket, prefix: settings.prefix, endpoint: s3.endpoint, forcePathStyle: true } } })
    .where(eq(clusters.id, clusterId));
  await writeModelStorageCredentials(db(), clusterId, s3.credentials);
}
