import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { projectOfApplication } from '../domain/applications/read.ts';
import { projectOfCluster } from '../domain/clusters/read.ts';
import { id } from '../domain/names.ts';
import { projectOfModel, projectOfRollout, projectOfService } from '../domain/projects/ownership.ts';
import { projectOfPolicy, projectOfRun } from '../domain/promotions/ownership.ts';
import { projectOfToken } from '../domain/tokens/tokens.ts';

/** How a procedure's raw input leads to the project whose membership authorizes the call. */
export type ProjectScope = {
  what: string;
  resolve: (db: Db, rawInput: unknown) => Promise<number | undefined>;
};

function scope<TInput>(what: string, schema: z.ZodType<TInput>, find: (db: Db, input: TInput) => Promise<number | undefined>): ProjectScope {
  return {
    what,
    async resolve(db, rawInput) {
      const parsed = schema.safeParse(rawInput);
      // The error formatter in init.ts turns the ZodError into the same message as any input error.
      if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
      return find(db, parsed.data);
    },
  };
}

export const byProjectId = scope('project', z.object({ projectId: id }), (_db, input) => Promise.resolve(input.projectId));
export const byTokenId = scope('token', z.object({ tokenId: id }), (db, input) => projectOfToken(db, input.tokenId));

export const byClusterId = scope('cluster', z.object({ clusterId: id }), (db, input) => projectOfCluster(db, input.clusterId));
export const byApplicationId = scope('application', z.object({ applicationId: id }), (db, input) => projectOfApplication(db, input.applicationId));
export const byServiceId = scope('service', z.object({ serviceId: id }), (db, input) => projectOfService(db, input.serviceId));
export const byRolloutId = scope('rollout', z.object({ rolloutId: id }), (db, input) => projectOfRollout(db, input.rolloutId));
export const byModelId = scope('model', z.object({ modelId: id }), (db, input) => projectOfModel(db, input.modelId));
export const byPolicyId = scope('promotion policy', z.object({ policyId: id }), (db, input) => projectOfPolicy(db, input.policyId));
export const byRunId = scope('promotion run', z.object({ runId: id }), (db, input) => projectOfRun(db, input.runId));
