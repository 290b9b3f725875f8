import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { roles } from '../../../db/schema/common.ts';
import { apiTokens } from '../../../db/schema/tokens.ts';
import { users } from '../../../db/schema/users.ts';
import { roleAtLeast, type Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id } from '../names.ts';
import { roleInProject } from '../projects/access.ts';

const TOKEN_PREFIX = 'drk_';

export const createTokenInput = z.object({
  projectId: id,
  name: z.string().trim().min(1, 'give the token a name that says which tool uses it').max(100),
  role: z.enum(roles),
  expiresInDays: z
    .number({ error: 'expiresInDays must be a whole number of days from 1 to 3650' })
    .int('expiresInDays must be a whole number of days from 1 to 3650')
    .min(1, 'expiresInDays must be a whole number of days from 1 to 3650')
    .max(3650, 'expiresInDays must be a whole number of days from 1 to 3650')
    .optional(),
});
export const revokeTokenInput = z.object({ tokenId: id });

export const tokenOutput = z.object({
  id: z.number(),
  name: z.string(),
  role: z.enum(roles),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createToken(
  db: Db,
  actor: Actor,
  raw: z.input<typeof createTokenInput>,
  requestId?: string,
): Promise<{ tokenId: number; token: string }> {
  // Parsed here, not only in the API: the CLI and any other caller get the same rules.
  const input = createTokenInput.parse(raw);
  if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'API tokens are created by people signed in to the portal, not by other tokens.');
  const creatorRole = await roleInProject(db, actor, input.projectId);
  if (!roleAtLeast(creatorRole, input.role)) {
    throw new AppError('FORBIDDEN', `You are ${creatorRole ?? 'not a member'} in this project, so you cannot create a token with the ${input.role} role.`);
  }
  const token = TOKEN_PREFIX + randomBytes(30).toString('base64url');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        projectId: input.projectId,
        createdBy: actor.userId,
        name: input.name,
        role: input.role,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        expiresAt,
      })
      .$returningId();
    if (!created) throw new Error('insert returned no id');
    await recordAudit(tx, {
      projectId: input.projectId,
      actor,
      action: 'token.create',
      target: { type: 'token', id: created.id, label: input.name },
      summary: `created ${input.role} token ${input.name}${expiresAt ? `, expiring ${expiresAt.toISOString().slice(0, 10)}` : ''}`,
      after: { name: input.name, role: input.role, expiresAt: expiresAt?.toISOString() ?? null },
      requestId,
    });
    return { tokenId: created.id, token };
  });
}

export async function listTokens(db: Db, projectId: number): Promise<z.infer<typeof tokenOutput>[]> {
  const now = Date.now();
  const rows = await db
    .select({ token: apiTokens, creator: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.projectId, projectId))
    .orderBy(desc(apiTokens.id));
  return rows.map(({ token, creator }) => ({
    id: token.id,
    name: token.name,
    role: token.role,
    prefix: token.prefix,
    createdBy: creator,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    status: token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt.getTime() <= now ? 'expired' : 'active',
  }));
}

export async function projectOfToken(db: Db, tokenId: number): Promise<number | undefined> {
  const [row] = await db.select({ projectId: apiTokens.projectId }).from(apiTokens).where(eq(apiTokens.id, tokenId)).limit(1);
  return row?.projectId;
}

export async function revokeToken(db: Db, actor: Actor, tokenId: number, requestId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).for('update');
    if (!token) throw new AppError('NOT_FOUND', 'That token was not found.');
    if (token.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
    await recordAudit(tx, {
      projectId: token.projectId,
      actor,
      action: 'token.revoke',
      target: { type: 'token', id: token.id, label: token.name },
      summary: `revoked token ${token.name} (${token.prefix}…)`,
      requestId,
    });
  });
}

// last_used_at is written at most once a minute per token, so busy tools do not write on every call.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer drk_…` to an actor, or null when the token is unknown, revoked or expired. */
export async function authenticateToken(db: Db, token: string): Promise<Extract<Actor, { type: 'token' }> | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({ token: apiTokens, disabledAt: users.disabledAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row || row.token.revokedAt || row.disabledAt) return null;
  const now = new Date();
  if (row.token.expiresAt && row.token.expiresAt <= now) return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  }
  return {
    type: 'token',
    tokenId: row.token.id,
    userId: row.token.createdBy,
    projectId: row.token.projectId,
    role: row.token.role,
    label: `token:${row.token.name}`,
  };
}
