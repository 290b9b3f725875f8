import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { druckerClient } from '../examples/internal-tool.ts';
import { applyTestEnv } from '../test/env.ts';
import { users } from './users.ts';

// Internal tools: the same API the pages use, called with an API token by curl and by the typed
// tRPC client of examples/internal-tool.ts, against the real running server.

const exec = promisify(execFile);
applyTestEnv();

async function tokenFor(role: 'viewer' | 'admin') {
  const { db } = await import('../db/client.ts');
  const { createProject } = await import('../server/domain/projects/projects.ts');
  const { createToken } = await import('../server/domain/tokens/tokens.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  const admin = await findUserByEmail(db(), users.admin().email);
  if (!admin) throw new Error('the e2e admin is missing');
  const actor = { type: 'user' as const, userId: admin.id, label: admin.email };
  const { projectId } = await createProject(db(), actor, { name: `api-${users.run()}-${role}` });
  const { token } = await createToken(db(), actor, { projectId, name: `${role}-tool`, role });
  return { projectId, token };
}

async function curl(baseURL: string, token: string, path: string, body?: unknown) {
  const args = ['-s', '-w', '\n%{http_code}', '-H', `Authorization: Bearer ${token}`];
  if (body !== undefined) args.push('-H', 'content-type: application/json', '-d', JSON.stringify(body));
  const { stdout } = await exec('curl', [...args, `${baseURL}/api/trpc/${path}`]);
  const newline = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(newline + 1)), json: JSON.parse(stdout.slice(0, newline)) as Record<string, unknown> };
}

test('curl with a token lists projects, adds a member and reads the audit trail', async ({ baseURL }) => {
  const { projectId, token } = await tokenFor('admin');
  const base = baseURL ?? '';

  const list = await curl(base, token, 'project.list');
  expect(list.status).toBe(200);
  expect(list.json).toEqual({ result: { data: [expect.objectContaining({ id: projectId, role: 'admin' })] } });

  const added = await curl(base, token, 'project.setMember', { projectId, email: users.member().email, role: 'viewer' });
  expect(added).toEqual({ status: 200, json: { result: { data: { ok: true } } } });

  const audit = await curl(base, token, 'audit.list', { projectId, action: 'member.add' });
  expect(audit.json).toMatchObject({ result: { data: { events: [{ action: 'member.add', actorLabel: 'token:admin-tool', targetLabel: users.member().email }] } } });

  const bad = await curl(base, token, 'project.setMember', { projectId, email: 'not-an-email', role: 'viewer' });
  expect(bad.status).toBe(400);
  expect(bad.json).toMatchObject({ error: { message: 'Invalid input: email: enter a valid email address' } });

  const anonymous = await curl(base, 'drk_made-up', 'project.list');
  expect(anonymous.status).toBe(401);
});

test('the typed client of an internal tool works, within its token role', async ({ baseURL }) => {
  const { projectId, token } = await tokenFor('viewer');
  const drucker = druckerClient(baseURL ?? '', token);
  const me = await drucker.user.me.query();
  expect(me).toMatchObject({ kind: 'token', email: users.admin().email, token: { projectId, role: 'viewer' } });
  const [project] = await drucker.project.list.query();
  expect(project).toMatchObject({ id: projectId, role: 'viewer' });
  const { events } = await drucker.audit.list.query({ projectId, limit: 10 });
  expect(events.map((e) => e.action)).toEqual(['token.create', 'project.create']);
  await expect(drucker.project.setMember.mutate({ projectId, email: users.member().email, role: 'viewer' })).rejects.toThrow(
    'This needs the admin role in the project; you are viewer.',
  );
});
