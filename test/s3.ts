import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { s3Client, type S3Settings } from '../server/storage/s3.ts';

export type S3Server = { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string }; bucket: (name: string) => Promise<S3Settings>; close: () => Promise<void> };

/** A real S3-compatible server (s3rver) on a free port, with its data in a temporary directory. */
export async function startS3(): Promise<S3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'drucker-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    credentials,
    async bucket(name) {
      const settings: S3Settings = { bucket: name, prefix: 'models', endpoint, forcePathStyle: true, credentials };
      await s3Client(settings).send(new CreateBucketCommand({ Bucket: name }));
      return settings;
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
