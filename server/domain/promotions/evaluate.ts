import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { models } from '../../../db/schema/models.ts';
import type { promotionPolicies} from '../../../db/schema/promotions.ts';
import { promotionRuns } from '../../../db/schema/promotions.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import { clusterClient } from '../../kube/client.ts';
import { LABELS } from '../manifests/labels.ts';
import { podHealth, podProblem, soakStart, sourceRolloutProblem, type SourceRollout } from './gates.ts';
import { decideRun, type RunDecision, type RunFacts } from './outcome.ts';
import { isPinned } from './pins.ts';
import { describeWindow, inWindow } from './window.ts';

// What a tick finds for one policy: the facts, read from the database and (for the health gate)
// the source's pods in its cluster, and the decision the outcome table makes of them.

export type Policy = typeof promotionPolicies.$inferSelect;
export type Evaluation = { decision: RunDecision | { status: 'failed'; reason: string }; candidate: { id: number; label: string } | null };

const POD_READ_TIMEOUT_MS = 10_000;

async function liveService(db: DbOrTx, serviceId: number) {
  const [row] = await db.select().from(services).where(eq(services.id, serviceId));
  return row && row.deletedAt === null && row.status !== 'deleted' && row.status !== 'deleting' ? row : null;
}

async function sourceHistory(db: DbOrTx, serviceId: number): Promise<SourceRollout[]> {
  return db
    .select({ id: rollouts.id, revision: rollouts.revision, status: rollouts.status, modelId: rollouts.modelId, finishedAt: rollouts.finishedAt })
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, serviceId), isNull(rollouts.routing)))
    .orderBy(desc(rollouts.id))
    .limit(200);
}

async function earlierRun(db: DbOrTx, policyId: number, modelId: number, status: 'awaiting_approval' | 'rejected'): Promise<number | null> {
  const [row] = await db
    .select({ id: promotionRuns.id })
    .from(promotionRuns)
    .where(and(eq(promotionRuns.policyId, policyId), eq(promotionRuns.modelId, modelId), eq(promotionRuns.status, status)))
    .orderBy(desc(promotionRuns.id))
    .limit(1);
  return row?.id ?? null;
}

/** The source's pods as the health gate reads them; a cluster that cannot be read is a problem of its own. */
async function sourcePodsProblem(db: DbOrTx, source: typeof services.$inferSelect, since: Date | null): Promise<string | null> {
  const [cluster] = source.clusterId === null ? [] : await db.select().from(clusters).where(eq(clusters.id, source.clusterId));
  if (!cluster) return "the source's cluster no longer exists";
  try {
    const pods = await clusterClient(cluster).listPods(source.namespace, `${LABELS.serviceId}=${source.id}`, { signal: AbortSignal.timeout(POD_READ_TIMEOUT_MS) });
    return podProblem(pods.map(podHealth), since);
  } catch (error) {
    return `the source's pods could not be read from cluster ${cluster.name} (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function evaluatePolicy(db: DbOrTx, policy: Policy, now: Date): Promise<Evaluation> {
  const source = await liveService(db, policy.sourceServiceId);
  const target = await liveService(db, policy.targetServiceId);
  if (!source) return { decision: { status: 'failed', reason: 'the source service was deleted; point the policy at another source or delete it' }, candidate: null };
  if (!target) return { decision: { status: 'failed', reason: 'the target service was deleted; point the policy at another target or delete it' }, candidate: null };
  const [model] = source.currentModelId === null ? [] : await db.select().from(models).where(eq(models.id, source.currentModelId));
  const candidate = model ? { id: model.id, label: `${model.name} ${model.version}` } : null;
  const history = await sourceHistory(db, source.id);
  const started = candidate ? soakStart(history, candidate.id) : null;
  const facts: RunFacts = {
    outsideWindow: inWindow(policy.allowedWindow, now, policy.timeZone) ? null : describeWindow(policy.allowedWindow!, policy.timeZone),
    candidate,
    targetModelId: target.currentModelId,
    pinned: candidate ? await isPinned(db, target.id, candidate.id) : false,
    awaitingRunId: candidate ? await earlierRun(db, policy.id, candidate.id, 'awaiting_approval') : null,
    rejectedRunId: candidate ? await earlierRun(db, policy.id, candidate.id, 'rejected') : null,
    soak: { startedAt: started, minMinutes: policy.minMinutesRunning, now },
    healthProblem: null,
    requiredApprovals: policy.requiredApprovals,
    approvals: 0,
  };
  const first = decideRun(facts);
  // The cluster is read only when health is all that is left to decide.
  if (first.status === 'skipped' || !policy.requireHealthy) return { decision: first, candidate };
  const healthProblem = sourceRolloutProblem(history) ?? (await sourcePodsProblem(db, source, started));
  return { decision: decideRun({ ...facts, healthProblem }), candidate };
}
