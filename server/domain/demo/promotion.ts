import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { promotionPolicies } from '../../../db/schema/promotions.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { env } from '../../env.ts';
import { stagingStorage } from '../../storage/open.ts';
import { uploadModel } from '../models/upload.ts';
import { createPolicy } from '../promotions/policy-write.ts';
import { createService } from '../services/create.ts';

// The demo's promotion: a candidate model on a staging service, and a policy that promotes it to
// production every two minutes once it has soaked a minute, so a new user sees runs with reasons
// (soak not met, then promoted, then nothing new) within minutes of `npm run demo`.

const actor: Actor = { type: 'system', label: 'seed-demo' };
export const DEMO_POLICY = 'staging to production (demo)';
const MODEL = { name: 'iris', version: 'demo-candidate', fileName: 'model.pkl' };
const SOURCE = 'iris candidate';

async function candidateModel(db: Db, projectId: number, applicationId: number): Promise<number> {
  const [found] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.applicationId, applicationId), eq(models.name, MODEL.name), eq(models.version, MODEL.version)));
  if (found) return found.id;
  // A real upload (staging storage, sha-256, copies to the clusters), of a small stand-in file.
  const body = Readable.from([Buffer.from('a stand-in for a trained iris classifier\n')]);
  const { modelId } = await uploadModel(db, actor, projectId, { applicationId, ...MODEL, description: 'The demo policy promotes this model from staging to production.' }, body, {
    staging: stagingStorage(env()),
    maxBytes: 1024 * 1024,
  });
  return modelId;
}

/** Idempotent: what exists (found by name) is kept, so a restart neither duplicates nor resets it. */
export async function seedDemoPromotion(db: Db, projectId: number, clusterId: number, applicationId: number): Promise<{ policyId: number; created: boolean }> {
  const [existing] = await db
    .select({ id: promotionPolicies.id })
    .from(promotionPolicies)
    .where(and(eq(promotionPolicies.applicationId, applicationId), eq(promotionPolicies.name, DEMO_POLICY)));
  if (existing) return { policyId: existing.id, created: false };
  const live = await db.select().from(services).where(eq(services.applicationId, applicationId));
  const target = live.find((s) => s.level === 'production' && s.deletedAt === null);
  if (!target) throw new Error('the demo application has no production service to promote to');
  let source = live.find((s) => s.level === 'staging' && s.displayName === SOURCE && s.deletedAt === null)?.id;
  if (source === undefined) {
    const modelId = await candidateModel(db, projectId, applicationId);
    ({ serviceId: source } = await createService(db, actor, projectId, {
      applicationId,
      clusterId,
      level: 'staging',
      displayName: SOURCE,
      description: 'Runs the candidate model the demo policy promotes to production.',
      modelId,
      spec: { image: 'example/iris:2', replicas: 1, cpuRequest: '250m', memoryRequest: '256Mi' },
      reason: 'deployed by npm run demo',
    }));
  }
  const { policyId } = await createPolicy(db, actor, projectId, {
    applicationId,
    name: DEMO_POLICY,
    sourceServiceId: source,
    targetServiceId: target.id,
    schedule: '*/2 * * * *',
    timeZone: 'UTC',
    minMinutesRunning: 1,
    requireHealthy: true,
    requiredApprovals: 0,
  });
  return { policyId, created: true };
}
