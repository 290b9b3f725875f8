import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { db } from '../db/client.ts';
import { applications } from '../db/schema/applications.ts';
import { clusters } from '../db/schema/clusters.ts';
import { modelCopies, models } from '../db/schema/models.ts';
import { rollouts } from '../db/schema/rollouts.ts';
import { services } from '../db/schema/services.ts';
import type { Actor } from '../server/auth/actor.ts';
import { seal } from '../server/crypto/seal.ts';
import { createService } from '../server/domain/services/create.ts';
import type { ServiceSpecInput } from '../server/domain/services/spec.ts';
import { env } from '../server/env.ts';
import { getRollout } from '../server/domain/rollouts/queries.ts';
import { unique } from './fixtures.ts';
import { eventually } from './wait.ts';

// Rows for tests of services and rollouts. Clusters are inserted directly (no verification), so
// these fit tests that never run the rollout; tests that do use a real kube-sim cluster.

export async function makeCluster(projectId: number, options: { kubeconfig?: string; dnsName?: string; name?: string } = {}): Promise<number> {
  const name = options.name ?? unique('cluster');
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(clusters)
      .values({
        projectId,
        name,
        kubeconfigSealed: '',
        context: 'kube-sim',
        apiServerUrl: 'https://127.0.0.1:1',
        dnsName: options.dnsName ?? 'models.example.test',
        modelStorage: { write: { kind: 'fs', dir: `./data/test-clusters/${name}` }, pods: { kind: 'hostPath', path: '/mnt/drucker-model' }, mountPath: '/mnt/drucker-model' },
      })
      .$returningId();
    const id = row!.id;
    const kubeconfigSealed = seal(options.kubeconfig ?? 'apiVersion: v1\nkind: Config\n', { table: 'clusters', column: 'kubeconfig_sealed', id });
    await tx.update(clusters).set({ kubeconfigSealed }).where(eq(clusters.id, id));
    return id;
  });
}

export async function makeApplication(projectId: number, name = unique('app')): Promise<number> {
  const [row] = await db().insert(applications).values({ projectId, name }).$returningId();
  return row!.id;
}

export async function makeService(
  actor: Actor,
  projectId: number,
  ids: { applicationId: number; clusterId: number },
  spec: ServiceSpecInput = { image: 'example/iris:1' },
  level: 'development' | 'beta' | 'staging' | 'production' = 'development',
) {
  return createService(db(), actor, projectId, { ...ids, level, spec });
}

/**
 * Tests that queue rollouts without a worker leave them behind; a later test's worker (or its
 * outbox dispatcher) would otherwise try to run them. Cancels what is still queued for these
 * services and removes their jobs.
 */
export async function discardQueuedRollouts(serviceIds: number[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const queued = await db()
    .select({ id: rollouts.id })
    .from(rollouts)
    .where(and(inArray(rollouts.serviceId, serviceIds), inArray(rollouts.status, ['queued', 'running'])));
  if (queued.length === 0) return;
  await db()
    .update(rollouts)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(inArray(rollouts.id, queued.map((row) => row.id)));
  await db().update(services).set({ status: 'pending' }).where(inArray(services.id, serviceIds));
  const client = new pg.Client({ connectionString: env().JOBS_DATABASE_URL });
  await client.connect();
  try {
    await client.query('DELETE FROM graphile_worker._private_jobs WHERE key = ANY($1::text[]) AND locked_at IS NULL', [queued.map((row) => `rollout:${row.id}`)]);
  } finally {
    await client.end();
  }
}

/**
 * Models uploaded by a test that runs no worker leave copy jobs behind; a later test's worker
 * would carry them out. Removes the application's models (their copies go with them) and jobs.
 */
export async function discardModels(applicationId: number): Promise<void> {
  const rows = await db().select({ id: models.id }).from(models).where(eq(models.applicationId, applicationId));
  if (rows.length === 0) return;
  const copies = await db().select().from(modelCopies).where(inArray(modelCopies.modelId, rows.map((row) => row.id)));
  await db().delete(models).where(inArray(models.id, rows.map((row) => row.id)));
  const client = new pg.Client({ connectionString: env().JOBS_DATABASE_URL });
  await client.connect();
  try {
    await client.query('DELETE FROM graphile_worker._private_jobs WHERE key = ANY($1::text[]) AND locked_at IS NULL', [
      copies.map((copy) => `model-copy:${copy.modelId}:${copy.clusterId}`),
    ]);
  } finally {
    await client.end();
  }
}

/** The rollout once it has ended (any final status), read as the API reads it. */
export async function rolloutEnded(projectId: number, rolloutId: number, timeoutMs: number) {
  return eventually(`rollout ${rolloutId} to end`, async () => {
    const rollout = await getRollout(db(), projectId, rolloutId);
    return ['succeeded', 'failed', 'cancelled', 'superseded'].includes(rollout.status) && rollout;
  }, timeoutMs);
}
