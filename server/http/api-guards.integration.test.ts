import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST as authPOST } from '../../app/api/auth/[...nextauth]/route.ts';
import { POST } from '../../app/api/trpc/[trpc]/route.ts';
import { db } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/audit.ts';
import { makeProject, makeToken, makeUser } from '../../test/fixtures.ts';
import { handleModelUpload } from './model-upload.ts';
import { MAX_API_BODY_BYTES, MAX_AUTH_BODY_BYTES, MAX_BATCH_CALLS } from './api-limits.ts';

async function adminToken() {
  const admin = await makeUser('guards');
  const projectId = await makeProject(admin, 'guards');
  const { token } = await makeToken(projectId, admin, 'admin');
  return { projectId, token };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  POST(new Request(`http://localhost/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit));

async function requestIdOfMemberAdd(projectId: number, email: string) {
  const [event] = await db()
    .select({ requestId: auditEvents.requestId })
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.action, 'member.add'), eq(auditEvents.targetLabel, email)));
  return event?.requestId;
}

describe('/api/trpc guards', () => {
  it('keeps a plain X-Request-Id and replaces anything else with a fresh one', async () => {
    const { projectId, token } = await adminToken();
    const add = async (requestId: string) => {
      const email = `${(await makeUser('rid')).email}`;
      const res = await post('project.setMember', JSON.stringify({ projectId, email, role: 'viewer' }), { authorization: `Bearer ${token}`, 'x-request-id': requestId });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return requestIdOfMemberAdd(projectId, email);
    };
    expect(await add('deploy-42-abc')).toBe('deploy-42-abc');
    for (const bad of ['x'.repeat(80), 'drop table; <script>', 'ok but spaces']) {
      const stored = await add(bad);
      expect(stored).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('refuses a body over the cap with 413 before reading it, declared or streamed', async () => {
    const { token } = await adminToken();
    const huge = new Uint8Array(60 * 1024 * 1024);
    const declared = await post('project.create', huge, { authorization: `Bearer ${token}`, 'content-length': String(huge.byteLength) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toMatch(/larger than 1024 KiB, the most this endpoint accepts/);

    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        if (pulled > 60 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const streamed = await post('project.create', stream, { authorization: `Bearer ${token}` });
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_API_BODY_BYTES * 2);
  });

  it('caps what next-auth reads too', async () => {
    const res = await authPOST(
      new Request('http://localhost/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=a%40b.c&password=${'x'.repeat(MAX_AUTH_BODY_BYTES)}`,
      }),
      { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
    );
    expect(res.status).toBe(413);
  });

  it('refuses batches of more calls than the limit', async () => {
    const { token } = await adminToken();
    const calls = (n: number) => Array.from({ length: n }, () => 'user.me').join(',');
    const inputs = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}])));
    const ok = await POST(new Request(`http://localhost/api/trpc/${calls(MAX_BATCH_CALLS)}?batch=1&input=${encodeURIComponent(inputs(MAX_BATCH_CALLS))}`, { headers: { authorization: `Bearer ${token}` } }));
    expect(ok.status).toBe(200);
    const tooMany = await POST(
      new Request(`http://localhost/api/trpc/${calls(MAX_BATCH_CALLS + 1)}?batch=1&input=${encodeURIComponent(inputs(MAX_BATCH_CALLS + 1))}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(tooMany.status).toBe(400);
  });

  it('refuses cookie-authenticated mutations from another origin; tokens are unaffected', async () => {
    const { projectId, token } = await adminToken();
    const cookie = 'next-auth.session-token=eyJhbGciOi.forged';
    const body = JSON.stringify({ projectId, email: (await makeUser('csrf')).email, role: 'viewer' });
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const res = await post('project.setMember', body, { cookie, origin, host: 'localhost' });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/came from another site/);
    }
    expect((await post('project.setMember', body, { cookie, host: 'localhost' })).status).toBe(403);
    const withToken = await post('project.setMember', body, { cookie, origin: 'https://evil.example', authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    // The model upload route, the other cookie-authenticated mutation, refuses the same way.
    const upload = await handleModelUpload(
      new Request('http://localhost/api/uploads/models?applicationId=1&name=m', { method: 'POST', headers: { cookie, origin: 'https://evil.example', host: 'localhost' }, body: 'x' }),
    );
    expect(upload.status).toBe(403);
  });
});
