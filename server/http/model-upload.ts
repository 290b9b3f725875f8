import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { db } from '../../db/client.ts';
import { roleAtLeast, type Actor } from '../auth/actor.ts';
import { projectOfApplication } from '../domain/applications/read.ts';
import { uploadModel } from '../domain/models/upload.ts';
import { roleInProject } from '../domain/projects/access.ts';
import { env } from '../env.ts';
import { AppError, type AppErrorCode } from '../errors.ts';
import { logger } from '../log.ts';
import { stagingStorage } from '../storage/open.ts';
import { actorFor } from '../trpc/context.ts';
import { multipartFile } from './multipart-file.ts';
import { securityHeaders } from './security-headers.ts';
import { requestIdFrom } from './request-id.ts';
import { isCrossSiteCookieMutation } from './same-origin.ts';
import { releaseBuffers } from './release-buffers.ts';

// POST /api/uploads/models?applicationId=…&name=…[&version=…][&description=…][&fileName=…]
// The file is the request body (application/octet-stream) or the file part of a multipart form.
// Answers {"modelId": N}, or {"error": "…"} with the status a tool can act on.

const statusOf: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

// An error can come before the body was read (a 401, a 413 from Content-Length); closing the
// connection after the answer spares the client sending gigabytes nobody will read.
// The proxy (proxy.ts) leaves uploads alone, so the answer carries the API's security headers itself.
const apiHeaders = () => securityHeaders({ nonce: '', https: !!env().NEXTAUTH_URL?.startsWith('https://'), development: env().NODE_ENV === 'development', api: true });
const json = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { ...apiHeaders(), ...(status >= 400 ? { connection: 'close' } : {}) } });

export async function handleModelUpload(req: Request): Promise<Response> {
  if (isCrossSiteCookieMutation(req, env().NEXTAUTH_URL)) {
    return json(403, { error: 'This request came from another site (its Origin is not the portal), so the session cookie is not accepted for it.' });
  }
  let actor: Actor | null;
  try {
    actor = await actorFor(req);
  } catch (error) {
    logger.error('model upload: could not authenticate', { error });
    return json(500, { error: 'Internal error while checking credentials; the details are in the server log.' });
  }
  return modelUploadAs(actor, req);
}

/** The upload as this actor (the authorization matrix calls it with each kind of caller). */
export async function modelUploadAs(actor: Actor | null, req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  try {
    return await upload(actor, req, requestId);
  } catch (error) {
    if (error instanceof AppError) return json(statusOf[error.code], { error: error.message });
    if (req.signal.aborted) return json(499, { error: 'The upload was cancelled.' });
    logger.error('model upload failed', { requestId, error });
    return json(500, { error: `Internal error (request ${requestId}); the details are in the server log.` });
  }
}

async function upload(actor: Actor | null, req: Request, requestId: string): Promise<Response> {
  const config = env();
  if (!actor || (actor.type !== 'user' && actor.type !== 'token')) {
    throw new AppError('UNAUTHORIZED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  }
  const query = new URL(req.url).searchParams;
  const applicationId = Number(query.get('applicationId'));
  if (!Number.isInteger(applicationId) || applicationId <= 0) throw new AppError('BAD_REQUEST', 'Give the application as ?applicationId=<number>.');
  const projectId = await projectOfApplication(db(), applicationId);
  // A project the caller is not a member of answers like a missing application (as the API does),
  // so application ids of other teams cannot be probed.
  const role = projectId === undefined ? null : await roleInProject(db(), actor, projectId);
  if (projectId === undefined || !role) throw new AppError('NOT_FOUND', 'That application was not found.');
  if (!roleAtLeast(role, 'editor')) throw new AppError('FORBIDDEN', `Uploading a model needs the editor role in the project; you are ${role}.`);

  const maxBytes = config.MODEL_MAX_UPLOAD_MB * 1024 * 1024;
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${config.MODEL_MAX_UPLOAD_MB} MiB (MODEL_MAX_UPLOAD_MB).`);
  }
  if (!req.body || declared === 0) throw new AppError('BAD_REQUEST', 'The file is empty; send the model file as the request body.');

  // Iterated chunk by chunk rather than through Readable.fromWeb, whose read-ahead held tens of
  // MiB more of a large upload in memory (measured: see server/http/model-upload.integration.test.ts).
  let body: Readable = Readable.from(req.body as WebReadableStream<Uint8Array>, { objectMode: false });
  let fileName = query.get('fileName') ?? undefined;
  const contentType = req.headers.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) {
    const part = await multipartFile(body, contentType);
    body = part.stream;
    fileName ??= part.fileName;
  }
  const result = await uploadModel(
    db(),
    actor,
    projectId,
    {
      applicationId,
      name: query.get('name') ?? '',
      version: query.get('version') ?? undefined,
      description: query.get('description') ?? undefined,
      fileName,
    },
    body,
    { staging: stagingStorage(config), maxBytes, signal: req.signal, requestId, through: [releaseBuffers()] },
  );
  return json(201, result);
}
