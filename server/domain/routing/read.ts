import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { rolloutStatuses } from '../../../db/schema/rollouts.ts';
import { trafficRouters } from '../../../db/schema/clusters.ts';
import { parseInput } from '../../errors.ts';
import { levelHost } from '../manifests/names.ts';
import { clusterOf, findApplication, levelRoutingRollouts, levelServices, routerOf } from './level.ts';
import { routingLevelInput, weightsProblem } from './weights.ts';

const split = z.array(z.object({ serviceId: z.number(), weight: z.number() }));

export const routingOutput = z.object({
  applicationId: z.number(),
  level: z.string(),
  /** The cluster's traffic router; with `none` the level host splits traffic by ready pods and weights cannot be set. */
  router: z.enum(trafficRouters),
  cluster: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The level's shared host, e.g. iris-production.models.example.com. */
  host: z.string().nullable(),
  /** Why weights cannot be set here now (no router, services on several clusters…), or null. */
  problem: z.string().nullable(),
  services: z.array(
    z.object({
      serviceId: z.number(),
      displayName: z.string(),
      k8sName: z.string(),
      status: z.string(),
      /** The weight last asked for; null when the level has never had weights (or the service is new since). */
      weight: z.number().nullable(),
    }),
  ),
  /** The split last asked for, and the one last applied (null: never). */
  desired: split.nullable(),
  applied: split.nullable(),
  history: z.array(
    z.object({
      rolloutId: z.number(),
      serviceId: z.number(),
      revision: z.number(),
      kind: z.string(),
      status: z.enum(rolloutStatuses),
      weights: split,
      error: z.string().nullable(),
      rollbackToRolloutId: z.number().nullable(),
      actor: z.string(),
      reason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type RoutingDto = z.infer<typeof routingOutput>;

/** The level's traffic: its router, services with their weights, and the history of its splits. */
export async function getRouting(db: DbOrTx, projectId: number, raw: z.input<typeof routingLevelInput>): Promise<RoutingDto> {
  const input = parseInput(routingLevelInput, raw);
  const application = await findApplication(db, projectId, input.applicationId);
  const live = await levelServices(db, application.id, input.level);
  const cluster = await clusterOf(db, live[0]?.clusterId ?? null);
  const history = await levelRoutingRollouts(db, application.id, input.level, 30);
  const desired = history.find((r) => r.status !== 'cancelled' && r.status !== 'superseded')?.routing?.weights ?? null;
  const applied = history.find((r) => r.status === 'succeeded')?.routing?.weights ?? null;
  const weightOf = new Map((desired ?? []).map((w) => [w.serviceId, w.weight]));
  let problem: string | null = null;
  if (live.length === 0) problem = `The application has no services at ${input.level}.`;
  else if (!cluster || !routerOf(cluster)) problem = `Cluster ${cluster?.name ?? '(deleted)'} has no traffic router: the ${input.level} host splits traffic by ready pods.`;
  else {
    const wrong = weightsProblem(live.map((s) => ({ serviceId: s.id })), live, input.level);
    if (wrong) problem = `${wrong[0]?.toUpperCase()}${wrong.slice(1)}.`;
  }
  return {
    applicationId: application.id,
    level: input.level,
    router: cluster?.trafficRouter ?? 'none',
    cluster: cluster ? { id: cluster.id, name: cluster.name } : null,
    host: cluster ? levelHost(application.name, input.level, cluster.dnsName) : null,
    problem,
    services: live.map((s) => ({ serviceId: s.id, displayName: s.displayName, k8sName: s.k8sName, status: s.status, weight: weightOf.get(s.id) ?? null })),
    desired,
    applied,
    history: history.flatMap((r) =>
      r.routing
        ? [
            {
              rolloutId: r.id,
              serviceId: r.serviceId,
              revision: r.revision,
              kind: r.kind,
              status: r.status,
              weights: r.routing.weights,
              error: r.error,
              rollbackToRolloutId: r.rollbackToRolloutId,
              actor: r.actorLabel,
              reason: r.reason,
              createdAt: r.createdAt.toISOString(),
            },
          ]
        : [],
    ),
  };
}
