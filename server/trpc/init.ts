import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Role } from '../../db/schema/common.ts';
import { roleAtLeast, type Actor } from '../auth/actor.ts';
import { roleInProject } from '../domain/projects/access.ts';
import { AppError, describeIssues } from '../errors.ts';
import { logger } from '../log.ts';
import { byProjectId, type ProjectScope } from './scopes.ts';

export type Context = {
  db: Db;
  actor: Actor | null;
  requestId: string;
  /** SSO is configured: adding a member by an unknown email creates an account they can sign in to. */
  ssoEnabled: boolean;
};

const t = initTRPC.context<Context>().create({
  // Live pages hold a server-sent-events stream; pings keep idle proxies from cutting it, and a
  // client that hears nothing for a while reconnects (and re-reads what it shows).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  // Plain JSON on the wire (no transformer), so curl and non-TypeScript tools can call the API.
  errorFormatter({ shape, error, ctx }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error('request failed', { requestId: ctx?.requestId, error });
      // Internal messages can carry hostnames or SQL; the client gets the request id instead.
      return { ...shape, message: `Internal error (request ${ctx?.requestId ?? 'unknown'}); the details are in the server log.` };
    }
    if (error.cause instanceof ZodError) {
      const issues = error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return { ...shape, message: `Invalid input: ${describeIssues(error.cause.issues)}`, data: { ...shape.data, issues } };
    }
    if (error.cause instanceof AppError && error.cause.details) return { ...shape, data: { ...shape.data, details: error.cause.details } };
    return shape;
  },
});

const appErrorCodes = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

/** The one place domain AppErrors become tRPC errors. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: appErrorCodes[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapAppErrors);

/** A signed-in person or a valid API token; UNAUTHORIZED otherwise. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const actor = ctx.actor;
  if (!actor || (actor.type !== 'user' && actor.type !== 'token')) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in, or send an API token as "Authorization: Bearer <token>".' });
  }
  return next({ ctx: { ...ctx, actor } });
});

/**
 * Members of the project the input names, with at least `minRole`. The scope finds the project
 * from the raw input (projectId, or the id of something inside a project) before the procedure's
 * own input parsing, so a caller without access learns nothing from validation errors. A caller
 * who is not a member gets the same NOT_FOUND as for an id that does not exist, so ids of other
 * projects' objects cannot be probed.
 */
export function projectProcedure(minRole: Role, scope: ProjectScope = byProjectId) {
  return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
    const projectId = await scope.resolve(ctx.db, await getRawInput());
    const role = projectId === undefined ? null : await roleInProject(ctx.db, ctx.actor, projectId);
    if (projectId === undefined || !role) throw new TRPCError({ code: 'NOT_FOUND', message: `That ${scope.what} was not found.` });
    if (!roleAtLeast(role, minRole)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${minRole} role in the project; you are ${role}.` });
    }
    return next({ ctx: { ...ctx, project: { id: projectId, role } } });
  });
}

