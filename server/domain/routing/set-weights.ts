import { eq } from 'drizzle-orm';
import { type Db, rowLocksOnly, type Tx } from '../../../db/client.ts';
import type { ServiceLevel } from '../../../db/schema/common.ts';
import type { RoutingSnapshot } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { clusterOf, findApplication, levelRoutingRollouts, lockLevel, routerOf, type LevelService } from './level.ts';
import { describeWeights, sameWeights, setWeightsInput, weightsProblem, type SetWeightsInput } from './weights.ts';

/**
 * Sets the traffic split of an application level: a `routing` rollout that applies the level's
 * route (HTTPRoute or VirtualService) on the cluster, with history, audit and rollback like any
 * other change. The rollout lives on the level's oldest service, so it runs in that service's queue.
 */
export async function setWeights(db: Db, actor: Actor, projectId: number, raw: SetWeightsInput, requestId?: string): Promise<{ rolloutId: number }> {
  const input = parseInput(setWeightsInput, raw);
  const result = await db.transaction(async (tx) => {
    const application = await findApplication(tx, projectId, input.applicationId);
    const live = await lockLevel(tx, application.id, input.level);
    const { snapshot, anchor } = await checkedSnapshot(tx, application.id, input.level, live, input.weights);
    const current = await desiredWeights(tx, application.id, input.level);
    if (current && sameWeights(current, snapshot.weights)) {
      throw new AppError('BAD_REQUEST', 'Nothing to change: these are the weights the level already has.');
    }
    return recordRouting(tx, { actor, projectId, application, live, anchor, snapshot, kind: 'routing', reason: input.reason, requestId, rollbackTo: null });
  }, rowLocksOnly);
  await enqueueRollout(result);
  return { rolloutId: result.rolloutId };
}

/** Checks weights against the level as it is now and the cluster's router; the snapshot to apply. */
export async function checkedSnapshot(
  tx: Tx,
  applicationId: number,
  level: ServiceLevel,
  live: LevelService[],
  weights: { serviceId: number; weight: number }[],
): Promise<{ snapshot: RoutingSnapshot; anchor: LevelService }> {
  const anchor = live[0];
  if (!anchor) throw new AppError('PRECONDITION_FAILED', `The application has no services at ${level}; create one before setting weights.`);
  const problem = weightsProblem(weights, live, level);
  if (problem) throw new AppError('BAD_REQUEST', `${problem[0]?.toUpperCase()}${problem.slice(1)}.`);
  const cluster = await clusterOf(tx, anchor.clusterId);
  if (!cluster) throw new AppError('PRECONDITION_FAILED', `The cluster of the services at ${level} no longer exists.`);
  const router = routerOf(cluster);
  if (!router) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `Cluster ${cluster.name} has no traffic router, so the ${level} host splits traffic by ready pods. Choose Gateway API or Istio in the cluster's settings to set weights.`,
    );
  }
  const ordered = [...weights].sort((a, b) => a.serviceId - b.serviceId);
  return { snapshot: { applicationId, level, router: router.kind, weights: ordered }, anchor };
}

/** The split the level was last asked for (a queued, running or finished traffic rollout), or null when never set. */
export async function desiredWeights(tx: Tx | Db, applicationId: number, level: ServiceLevel) {
  const recent = await levelRoutingRollouts(tx, applicationId, level, 20);
  const last = recent.find((r) => r.status !== 'cancelled' && r.status !== 'superseded');
  return last?.routing?.weights ?? null;
}

export async function recordRouting(
  tx: Tx,
  args: {
    actor: Actor;
    projectId: number;
    application: { id: number; name: string };
    live: LevelService[];
    anchor: LevelService;
    snapshot: RoutingSnapshot;
    kind: 'routing' | 'rollback';
    rollbackTo: { id: number; revision: number } | null;
    reason?: string;
    requestId?: string;
  },
): Promise<{ rolloutId: number; serviceId: number }> {
  const { anchor, snapshot, live } = args;
  const before = await desiredWeights(tx, args.application.id, snapshot.level as ServiceLevel);
  const { rolloutId, revision } = await insertRollout(tx, {
    serviceId: anchor.id,
    kind: args.kind,
    // Traffic rollouts leave the service's own objects as they are: its current desired spec and model.
    spec: anchor.spec,
    modelId: anchor.currentModelId,
    rollbackToRolloutId: args.rollbackTo?.id ?? null,
    actor: args.actor,
    reason: args.reason,
    routing: { snapshot, levelServiceIds: live.map((s) => s.id) },
  });
  for (const w of snapshot.weights) await tx.update(services).set({ trafficWeight: w.weight }).where(eq(services.id, w.serviceId));
  const names = new Map(live.map((s) => [s.id, s.displayName]));
  const split = describeWeights(snapshot.weights, names);
  await recordAudit(tx, {
    projectId: args.projectId,
    actor: args.actor,
    action: args.kind === 'routing' ? 'routing.setWeights' : 'routing.rollback',
    target: { type: 'application', id: args.application.id, label: `${args.application.name} ${snapshot.level}` },
    summary:
      args.kind === 'routing'
        ? `set the ${snapshot.level} traffic of ${args.application.name} to ${split}${args.reason ? ` (${args.reason})` : ''}`
        : `rolled the ${snapshot.level} traffic of ${args.application.name} back to ${split} (as in revision ${args.rollbackTo?.revision} of ${anchor.displayName})${args.reason ? `: ${args.reason}` : ''}`,
    before: { weights: before },
    after: { weights: snapshot.weights, rolloutId, revision, serviceId: anchor.id },
    requestId: args.requestId,
  });
  return { rolloutId, serviceId: anchor.id };
}
