import { randomBytes } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isDuplicateKey, type Db } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { sha256Tap } from '../../storage/hash.ts';
import type { ModelStorage } from '../../storage/storage.ts';
import { findApplication } from '../applications/read.ts';
import { recordAudit } from '../audit/record.ts';
import { id } from '../names.ts';
import { addPendingCopies, applicationClusters, enqueueCopies } from './copy-jobs.ts';
import { DEFAULT_FILE_NAME, modelDescription, modelFileName, modelName, modelVersion } from './fields.ts';

export const uploadModelInput = z.object({
  applicationId: id,
  name: modelName,
  /** Omitted: the next free "v<N>" for this name. */
  version: modelVersion.optional(),
  description: modelDescription.optional(),
  fileName: modelFileName.default(DEFAULT_FILE_NAME),
});

export type UploadOptions = {
  staging: ModelStorage;
  maxBytes: number;
  /** Aborts the upload (the client went away); nothing is kept. */
  signal?: AbortSignal;
  requestId?: string;
  /** Extra pass-through stages for the body (the upload route's buffer release). */
  through?: Transform[];
};

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${Math.round(maxBytes / (1024 * 1024))} MiB (MODEL_MAX_UPLOAD_MB).`);

/** Fails the stream as soon as more than `maxBytes` have passed, whatever Content-Length said. */
function sizeLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
}

/**
 * Streams an uploaded model into staging while hashing it, then records it. The file goes to a
 * key of its own (so parallel uploads never write the same file); the row is inserted only after
 * the whole file is stored, and a failure at any point removes the file: no row, no partial file.
 */
export async function uploadModel(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: z.input<typeof uploadModelInput>,
  body: Readable,
  options: UploadOptions,
): Promise<{ modelId: number }> {
  let input: z.infer<typeof uploadModelInput>;
  try {
    input = parseInput(uploadModelInput, raw);
  } catch (error) {
    body.destroy();
    throw error;
  }
  const application = await findApplication(db, projectId, input.applicationId);
  if (!application) {
    body.destroy();
    throw notFound('That application');
  }
  const version = input.version ?? (await nextVersion(db, application.id, input.name));
  const duplicate = () =>
    new AppError('CONFLICT', `Model ${input.name} version ${version} already exists in ${application.name}; upload it under another version.`);
  // Checked before the bytes flow, so a duplicate is refused at once rather than after gigabytes.
  const [existing] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.applicationId, application.id), eq(models.name, input.name), eq(models.version, version)));
  if (existing) {
    body.destroy();
    throw duplicate();
  }

  const key = `${application.name}/${input.name}-${version}/${randomBytes(8).toString('hex')}/${input.fileName}`;
  const tap = sha256Tap();
  // The callback form destroys every stage on an error, so a cut connection or the size limit
  // fails the put below (it reads the last stage), which removes what it had written.
  pipeline([body, sizeLimit(options.maxBytes), ...(options.through ?? []), tap], () => undefined);
  const source = tap;
  let stored = false;
  try {
    const { size } = await options.staging.put(key, source, { signal: options.signal });
    stored = true;
    if (size === 0) throw new AppError('BAD_REQUEST', 'The file is empty; send the model file as the request body.');
    const sha256 = tap.digest();
    const { modelId, copies } = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(models)
        .values({
          applicationId: application.id,
          name: input.name,
          version,
          fileName: input.fileName,
          size,
          sha256,
          storageKey: key,
          description: input.description || null,
          uploadedBy: actor.type === 'user' || actor.type === 'token' ? actor.userId : null,
        })
        .$returningId();
      if (!inserted) throw new Error('insert returned no id');
      const copies = await addPendingCopies(tx, inserted.id, await applicationClusters(tx, application.id));
      await recordAudit(tx, {
        projectId,
        actor,
        action: 'model.upload',
        target: { type: 'model', id: inserted.id, label: `${input.name} ${version}` },
        summary: `uploaded model ${input.name} ${version} (${size} bytes, sha-256 ${sha256.slice(0, 12)}…) to ${application.name}`,
        after: { name: input.name, version, fileName: input.fileName, size, sha256 },
        requestId: options.requestId,
      });
      return { modelId: inserted.id, copies };
    });
    await enqueueCopies(copies);
    return { modelId };
  } catch (error) {
    if (stored) await options.staging.delete(key);
    if (isDuplicateKey(error)) throw duplicate();
    throw error;
  }
}

async function nextVersion(db: Db, applicationId: number, name: string): Promise<string> {
  const [row] = await db
    .select({ n: count() })
    .from(models)
    .where(and(eq(models.applicationId, applicationId), eq(models.name, name)));
  return `v${(row?.n ?? 0) + 1}`;
}
