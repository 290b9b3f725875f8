import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { byteCounter } from './fs.ts';
import { checkKey, StorageNotFoundError, type ModelStorage, type PutOptions, type StoredObject } from './storage.ts';

export type S3Settings = {
  bucket: string;
  /** Keys are stored under this prefix (no leading or trailing slash); '' for the bucket's root. */
  prefix: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

// 16 MiB parts, four in flight: at most 64 MiB of a model in memory at once, and a 2 GiB model
// is 128 parts (S3 allows 10,000), so the same settings carry files up to about 160 GiB.
export const PART_SIZE = 16 * 1024 * 1024;
export const QUEUE_SIZE = 4;

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound');

/** Clients are kept per endpoint and key, so repeated copies reuse their connections. */
const clients = new Map<string, S3Client>();

export function s3Client(settings: S3Settings): S3Client {
  const id = JSON.stringify([settings.endpoint, settings.region, settings.forcePathStyle, settings.credentials?.accessKeyId, settings.credentials?.secretAccessKey]);
  let client = clients.get(id);
  if (!client) {
    client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region ?? 'us-east-1',
      forcePathStyle: settings.forcePathStyle ?? Boolean(settings.endpoint),
      credentials: settings.credentials,
      // The default checksums (CRC32 on every request) are not understood by every S3-compatible
      // server; Drucker verifies content with the model's sha-256 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(id, client);
  }
  return client;
}

/** An S3-compatible bucket; large files go up as a multipart upload, streamed part by part. */
export function s3Storage(settings: S3Settings): ModelStorage {
  const client = s3Client(settings);
  const bucket = settings.bucket;
  const prefix = settings.prefix ? `${settings.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
  const objectKey = (key: string) => `${prefix}${checkKey(key)}`;

  return {
    description: `the bucket ${bucket}${prefix ? ` under ${prefix}` : ''}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`,

    async put(key: string, body: Readable, options: PutOptions = {}) {
      const counter = byteCounter(options.onProgress);
      body.on('error', (error) => counter.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: objectKey(key), Body: body.pipe(counter) },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        // A failed multipart upload is aborted, so no half-written parts linger in the bucket.
        leavePartsOnError: false,
      });
      const abort = () => void upload.abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      try {
        options.signal?.throwIfAborted();
        await upload.done();
      } catch (error) {
        // Release whatever feeds the body (an upload's request, a file being read).
        body.destroy();
        throw error;
      } finally {
        options.signal?.removeEventListener('abort', abort);
      }
      return { size: counter.bytes() };
    },

    async get(key, options = {}) {
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }), { abortSignal: options.signal });
        if (!(result.Body instanceof Readable)) throw new Error(`the bucket returned no body for ${key}`);
        return result.Body;
      } catch (error) {
        if (isMissing(error)) throw new StorageNotFoundError(key, this.description);
        throw error;
      }
    },

    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },

    async list(keyPrefix) {
      const found: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${keyPrefix}`, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (object.Key) found.push({ key: object.Key.slice(prefix.length), size: object.Size ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
