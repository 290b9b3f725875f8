import type { ModelStorageSettings } from '../../db/schema/clusters.ts';
import type { Env } from '../env.ts';
import { fsStorage } from './fs.ts';
import { s3Storage } from './s3.ts';
import type { ModelStorage } from './storage.ts';

/** Where uploads land first (MODEL_STAGING_DIR, or the S3_* bucket when one is set). */
export function stagingStorage(env: Pick<Env, 'MODEL_STAGING_DIR' | 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'>): ModelStorage {
  if (!env.S3_BUCKET) return fsStorage(env.MODEL_STAGING_DIR);
  return s3Storage({
    bucket: env.S3_BUCKET,
    prefix: 'staging',
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
  });
}

/** The side of a cluster's model storage that Drucker writes to. */
export function clusterStorage(write: ModelStorageSettings['write'], credentials: { accessKeyId: string; secretAccessKey: string } | null): ModelStorage {
  if (write.kind === 'fs') return fsStorage(write.dir);
  return s3Storage({ ...write, credentials: credentials ?? undefined });
}
