import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { modelCopies, models } from '../../../db/schema/models.ts';
import { env } from '../../env.ts';
import { storedSha256 } from '../../storage/hash.ts';
import { clusterStorage, stagingStorage } from '../../storage/open.ts';
import type { ModelStorage } from '../../storage/storage.ts';
import { clusterModelStorageCredentials } from '../clusters/secrets.ts';
import { addPendingCopies } from './copy-jobs.ts';
import { modelKey } from './fields.ts';

export const COPY_ATTEMPTS = 3;
/** A copy whose row has not moved for this long lost its worker; another may take it over. */
const STALE_MS = 60_000;
const PROGRESS_INTERVAL_MS = 500;

export type CopyIds = { modelId: number; clusterId: number };
export type CopyOutcome =
  | { status: 'verified' }
  | { status: 'failed'; error: string }
  /** Another worker is copying it right now. */
  | { status: 'busy' }
  /** The model or the cluster is gone, or the model is being deleted. */
  | { status: 'gone'; error: string };

export type CopyOptions = {
  signal?: AbortSignal;
  /** Bytes written to the destination so far. */
  onProgress?: (bytes: number, size: number) => void;
  /** The wait before attempt n+1 (tests shorten it). */
  backoffMs?: (attempt: number) => number;
  /** Staging storage (tests point it elsewhere); the environment's by default. */
  staging?: ModelStorage;
};

// 1 s, then 3 s (with jitter, so copies that failed together do not retry together).
const defaultBackoff = (attempt: number) => 1000 * 3 ** (attempt - 1) * (0.8 + Math.random() * 0.4);

async function load(db: Db, ids: CopyIds) {
  const [row] = await db
    .select({ model: models, applicationName: applications.name, cluster: clusters })
    .from(models)
    .innerJoin(applications, eq(applications.id, models.applicationId))
    .innerJoin(clusters, eq(clusters.id, ids.clusterId))
    .where(eq(models.id, ids.modelId));
  return row;
}

const copyWhere = (ids: CopyIds) => and(eq(modelCopies.modelId, ids.modelId), eq(modelCopies.clusterId, ids.clusterId));

/**
 * Copies a model from staging into one cluster's model storage and verifies its sha-256 there,
 * retrying with backoff; the copy's row says how far it got. Level-triggered: a verified copy
 * whose file is still there is left alone, and only one worker copies at a time (the row is
 * claimed; a claim nobody has touched for a minute is taken over).
 */
export async function copyModelToCluster(db: Db, ids: CopyIds, options: CopyOptions = {}): Promise<CopyOutcome> {
  const found = await load(db, ids);
  if (!found) return { status: 'gone', error: `Model ${ids.modelId} or cluster ${ids.clusterId} no longer exists.` };
  const { model, cluster } = found;
  const label = `${model.name} ${model.version}`;
  if (model.deletingAt) return { status: 'gone', error: `Model ${label} is being deleted.` };
  const key = modelKey(found.applicationName, model);
  const destination = clusterStorage(cluster.modelStorage.write, await clusterModelStorageCredentials(db, cluster.id));
  await addPendingCopies(db, model.id, [cluster.id]);

  const [current] = await db.select().from(modelCopies).where(copyWhere(ids));
  if (current?.status === 'verified') {
    const there = await destination.stat(key);
    if (there?.size === model.size) return { status: 'verified' };
    // The file went missing or changed size since it was verified: copy it again.
    await db.update(modelCopies).set({ status: 'pending', error: null }).where(and(copyWhere(ids), eq(modelCopies.status, 'verified')));
  }
  const [claim] = await db
    .update(modelCopies)
    .set({ status: 'copying', attempts: 0, error: null, bytesCopied: 0, startedAt: new Date(), finishedAt: null })
    .where(
      and(
        copyWhere(ids),
        or(
          inArray(modelCopies.status, ['pending', 'failed']),
          and(eq(modelCopies.status, 'copying'), lt(modelCopies.updatedAt, sql`CURRENT_TIMESTAMP(3) - INTERVAL ${STALE_MS * 1000} MICROSECOND`)),
        ),
      ),
    );
  if (claim.affectedRows === 0) {
    const [row] = await db.select({ status: modelCopies.status, error: modelCopies.error }).from(modelCopies).where(copyWhere(ids));
    if (row?.status === 'verified') return { status: 'verified' };
    if (row?.status === 'failed') return { status: 'failed', error: row.error ?? 'the copy failed' };
    return { status: 'busy' };
  }

  const staging = options.staging ?? stagingStorage(env());
  const backoff = options.backoffMs ?? defaultBackoff;
  let lastError = '';
  for (let attempt = 1; attempt <= COPY_ATTEMPTS; attempt++) {
    await db.update(modelCopies).set({ attempts: attempt, bytesCopied: 0 }).where(copyWhere(ids));
    try {
      await copyOnce(db, ids, { staging, destination, key, storageKey: model.storageKey, size: model.size, sha256: model.sha256 }, options);
      await db
        .update(modelCopies)
        .set({ status: 'verified', bytesCopied: model.size, error: null, finishedAt: new Date(), verifiedAt: new Date() })
        .where(copyWhere(ids));
      return { status: 'verified' };
    } catch (error) {
      if (options.signal?.aborted) {
        // The worker is stopping: hand the copy back; the retried job (or the dispatcher) takes it.
        await db.update(modelCopies).set({ status: 'pending' }).where(copyWhere(ids));
        throw error;
      }
      lastError = error instanceof Error ? error.message : String(error);
      await db.update(modelCopies).set({ error: `attempt ${attempt} of ${COPY_ATTEMPTS}: ${lastError}` }).where(copyWhere(ids));
      if (attempt < COPY_ATTEMPTS) await sleep(backoff(attempt), undefined, { signal: options.signal });
    }
  }
  const message = `Copying model ${label} to cluster ${cluster.name} (${destination.description}) failed after ${COPY_ATTEMPTS} attempts: ${lastError}`;
  await db.update(modelCopies).set({ status: 'failed', error: message, finishedAt: new Date() }).where(copyWhere(ids));
  return { status: 'failed', error: message };
}

type Plan = { staging: ModelStorage; destination: ModelStorage; key: string; storageKey: string; size: number; sha256: string };

async function copyOnce(db: Db, ids: CopyIds, plan: Plan, options: CopyOptions): Promise<void> {
  // Progress goes to the row at most twice a second, one write at a time.
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const progress = (bytes: number) => {
    options.onProgress?.(bytes, plan.size);
    const now = Date.now();
    if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = now;
    writing = writing.then(() => db.update(modelCopies).set({ bytesCopied: bytes }).where(copyWhere(ids))).catch(() => undefined);
  };
  const source = await plan.staging.get(plan.storageKey, { signal: options.signal });
  try {
    const { size } = await plan.destination.put(plan.key, source, { signal: options.signal, onProgress: progress });
    if (size !== plan.size) throw new Error(`staging holds ${size} bytes of the model, not ${plan.size}`);
  } finally {
    await writing;
  }
  // Read back from the destination itself: what the pods will load is what is verified.
  const found = await storedSha256(plan.destination, plan.key, { signal: options.signal });
  if (found !== plan.sha256) {
    await plan.destination.delete(plan.key);
    throw new Error(`the sha-256 of the copy in the cluster's storage is ${found}, not the model's ${plan.sha256}; the corrupt copy was removed`);
  }
}

/**
 * For a model switch: returns once the model's copy on the cluster is verified, carrying out the
 * copy here when no other worker is, or waiting for the one that is.
 */
export async function ensureVerifiedCopy(db: Db, ids: CopyIds, options: CopyOptions & { pollMs?: number } = {}): Promise<{ ok: true } | { ok: false; error: string }> {
  for (;;) {
    const outcome = await copyModelToCluster(db, ids, options);
    if (outcome.status === 'verified') return { ok: true };
    if (outcome.status === 'failed' || outcome.status === 'gone') return { ok: false, error: outcome.error };
    // Another worker copies it: follow its row until it ends (or goes stale and is taken over).
    const [row] = await db.select({ bytesCopied: modelCopies.bytesCopied }).from(modelCopies).where(copyWhere(ids));
    const [model] = await db.select({ size: models.size }).from(models).where(eq(models.id, ids.modelId));
    options.onProgress?.(row?.bytesCopied ?? 0, model?.size ?? 0);
    await sleep(options.pollMs ?? 500, undefined, { signal: options.signal });
  }
}
