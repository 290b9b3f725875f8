import { z } from 'zod';
import { checkCluster } from '../domain/clusters/check.ts';
import { createCluster } from '../domain/clusters/create.ts';
import { deleteCluster } from '../domain/clusters/delete.ts';
import {
  clusterHealthOutput,
  clusterIdInput,
  clusterOutput,
  createClusterInput,
  inspectKubeconfigInput,
  kubeconfigContextsOutput,
  updateClusterInput,
} from '../domain/clusters/fields.ts';
import { inspectKubeconfig } from '../domain/clusters/inspect.ts';
import { getCluster, listClusters } from '../domain/clusters/read.ts';
import { updateCluster } from '../domain/clusters/update.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byClusterId } from '../trpc/scopes.ts';

const ok = z.object({ ok: z.literal(true) });

// Admins manage clusters (DESIGN.md roles). Viewers read them, without any secret. Editors may
// also run a check: it changes no setting, only the observed health, and an editor whose
// rollout failed on an unreachable cluster should not need an admin to see whether it is back.
export const clusterRouter = router({
  create: projectProcedure('admin')
    .input(createClusterInput)
    .output(z.object({ clusterId: z.number() }))
    .mutation(({ ctx, input }) => createCluster(ctx.db, ctx.actor, input, { requestId: ctx.requestId })),

  // A mutation although it changes nothing: as a query the kubeconfig would travel in the URL
  // (GET), where proxies and access logs keep it.
  inspectKubeconfig: projectProcedure('admin')
    .input(inspectKubeconfigInput)
    .output(kubeconfigContextsOutput)
    .mutation(({ input }) => inspectKubeconfig(input)),

  list: projectProcedure('viewer')
    .input(z.object({ projectId: id }))
    .output(z.array(clusterOutput))
    .query(({ ctx, input }) => listClusters(ctx.db, input.projectId)),

  get: projectProcedure('viewer', byClusterId)
    .input(clusterIdInput)
    .output(clusterOutput)
    .query(({ ctx, input }) => getCluster(ctx.db, ctx.project.id, input.clusterId)),

  update: projectProcedure('admin', byClusterId)
    .input(updateClusterInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await updateCluster(ctx.db, ctx.actor, ctx.project.id, input, { requestId: ctx.requestId });
      return { ok: true as const };
    }),

  check: projectProcedure('editor', byClusterId)
    .input(clusterIdInput)
    .output(clusterHealthOutput)
    .mutation(({ ctx, input }) => checkCluster(ctx.db, ctx.actor, ctx.project.id, input, { requestId: ctx.requestId })),

  delete: projectProcedure('admin', byClusterId)
    .input(clusterIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deleteCluster(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),
});
