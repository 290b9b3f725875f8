import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { apiTokens } from '../../../db/schema/tokens.ts';
import { addMember, callerAs, errorOf, makeProject, makeToken, makeUser, outcome } from '../../../test/fixtures.ts';
import { GET, POST } from '../../../app/api/trpc/[trpc]/route.ts';
import { authenticateToken } from './tokens.ts';

describe('API tokens', () => {
  it('shows the token once and stores only its hash and prefix', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { token, tokenId } = await callerAs(admin.actor).token.create({ projectId, name: 'ci', role: 'editor', expiresInDays: 30 });
    expect(token).toMatch(/^drk_[A-Za-z0-9_-]{40}$/);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
    const listed = await callerAs(admin.actor).token.list({ projectId });
    expect(listed).toEqual([expect.objectContaining({ id: tokenId, name: 'ci', role: 'editor', prefix: token.slice(0, 12), status: 'active', lastUsedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it('cannot exceed its creator role, then or later', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const editor = await addMember(projectId, admin, 'editor');
    const api = callerAs(editor.actor);
    // Editors cannot manage tokens at all; an admin demoted later takes their tokens down too.
    expect(await outcome(api.token.create({ projectId, name: 'x', role: 'viewer' }))).toBe('FORBIDDEN');
    const second = await addMember(projectId, admin, 'admin');
    const { actor } = await makeToken(projectId, second, 'admin');
    expect(await outcome(callerAs(actor).token.list({ projectId }))).toBe('OK');
    await callerAs(admin.actor).project.setMember({ projectId, email: second.email, role: 'viewer' });
    expect(await outcome(callerAs(actor).token.list({ projectId }))).toBe('FORBIDDEN');
    expect(await outcome(callerAs(actor).audit.list({ projectId }))).toBe('OK');
    await callerAs(admin.actor).project.removeMember({ projectId, email: second.email });
    expect(await outcome(callerAs(actor).project.get({ projectId }))).toBe('NOT_FOUND');
  });

  it('stops working when revoked or expired, and records its last use', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { token, tokenId } = await makeToken(projectId, admin, 'viewer');
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    await callerAs(admin.actor).token.revoke({ tokenId });
    expect(await authenticateToken(db(), token)).toBeNull();
    expect((await callerAs(admin.actor).token.list({ projectId }))[0]?.status).toBe('revoked');

    const expiring = await makeToken(projectId, admin, 'viewer', 1);
    await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.tokenId));
    expect(await authenticateToken(db(), expiring.token)).toBeNull();
    expect(await authenticateToken(db(), 'drk_not-a-real-token')).toBeNull();
  });

  it('is accepted as Authorization: Bearer by /api/trpc, with plain JSON on the wire', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { token } = await makeToken(projectId, admin, 'viewer');
    const call = (path: string, input: unknown, auth?: string) =>
      POST(
        new Request(`http://localhost/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify(input),
        }),
      );
    const list = await call('project.list', {}, `Bearer ${token}`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { result: { data: { id: number; role: string; createdAt: string }[] } };
    expect(body.result.data).toEqual([expect.objectContaining({ id: projectId, role: 'viewer', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);

    const viaGet = await GET(
      new Request(`http://localhost/api/trpc/project.get?input=${encodeURIComponent(JSON.stringify({ projectId }))}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(((await viaGet.json()) as { result: { data: { id: number } } }).result.data.id).toBe(projectId);

    const denied = await call('token.create', { projectId, name: 'x', role: 'viewer' }, `Bearer ${token}`);
    expect(denied.status).toBe(403);
    const anonymous = await call('project.list', {}, 'Bearer drk_revoked-or-made-up');
    expect(anonymous.status).toBe(401);
    const invalid = await call('audit.list', { projectId, limit: 5000 }, `Bearer ${token}`);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid input: limit: /);
    // Input the project scope cannot read is explained the same way, before any access check.
    const unscoped = await call('token.revoke', { tokenId: 'seven' }, `Bearer ${token}`);
    expect(unscoped.status).toBe(400);
    expect(((await unscoped.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid input: tokenId: /);
  });

  it('answers the same not-found for a token of another project as for a missing one', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const other = await makeUser('other');
    const { tokenId } = await makeToken(await makeProject(other), other, 'viewer');
    const api = callerAs(admin.actor);
    const foreign = await errorOf(api.token.revoke({ tokenId }));
    const missing = await errorOf(api.token.revoke({ tokenId: 2_000_000_000 }));
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', message: 'That token was not found.' });
    expect(await outcome(api.token.list({ projectId }))).toBe('OK');
  });
});
