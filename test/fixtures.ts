import { randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { db } from '../db/client.ts';
import type { Role } from '../db/schema/common.ts';
import type { Actor } from '../server/auth/actor.ts';
import { AppError, describeIssues } from '../server/errors.ts';
import { setMember } from '../server/domain/projects/members.ts';
import { createProject } from '../server/domain/projects/projects.ts';
import { authenticateToken, createToken } from '../server/domain/tokens/tokens.ts';
import { createUser, type UserDto } from '../server/domain/users/users.ts';
import { createCaller } from '../server/trpc/root.ts';

// Every test makes its own rows with unique names, so files and reruns never collide.
export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export type TestUser = UserDto & { actor: Extract<Actor, { type: 'user' }>; password: string };

export async function makeUser(prefix = 'user'): Promise<TestUser> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await createUser(db(), { email: `${unique(prefix)}@example.test`, password });
  return { ...user, password, actor: { type: 'user', userId: user.id, label: user.email } };
}

export async function makeProject(owner: TestUser, prefix = 'proj'): Promise<number> {
  const { projectId } = await createProject(db(), owner.actor, { name: unique(prefix) });
  return projectId;
}

export async function addMember(projectId: number, admin: TestUser, role: Role, prefix: string = role): Promise<TestUser> {
  const user = await makeUser(prefix);
  await setMember(db(), admin.actor, { projectId, email: user.email, role }, { createMissingUsers: false });
  return user;
}

export async function makeToken(projectId: number, creator: TestUser, role: Role, expiresInDays?: number) {
  const { token, tokenId } = await createToken(db(), creator.actor, { projectId, name: unique(`${role}-token`), role, expiresInDays });
  const actor = await authenticateToken(db(), token);
  if (!actor) throw new Error('a fresh token did not authenticate');
  return { token, tokenId, actor };
}

export function callerAs(actor: Actor | null, options: { ssoEnabled?: boolean } = {}) {
  return createCaller({ db: db(), actor, requestId: randomUUID(), ssoEnabled: options.ssoEnabled ?? false });
}

/**
 * The tRPC error a call fails with; its message is the one clients read on the wire (validation
 * issues as "field: message", as the error formatter writes them).
 */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: TRPCError['code']; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.cause instanceof ZodError) return { code: error.code, message: `Invalid input: ${describeIssues(error.cause.issues)}` };
    return { code: error.code, message: error.message, details: error.cause instanceof AppError ? error.cause.details : undefined };
  }
  throw new Error('expected the call to fail');
}

/** The tRPC error code a promise rejects with, or 'OK'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
