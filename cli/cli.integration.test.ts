import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../db/schema/tokens.ts';
import { db } from '../db/client.ts';
import { getProject } from '../server/domain/projects/projects.ts';
import { authenticateToken } from '../server/domain/tokens/tokens.ts';
import { getUser } from '../server/domain/users/users.ts';
import { makeProject, makeToken, makeUser, unique } from '../test/fixtures.ts';

const exec = promisify(execFile);
const main = path.resolve(import.meta.dirname, 'main.ts');

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [main, ...args], { env: process.env });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('admin CLI', () => {
  it('creates a token that prints alone on the last line and works', async () => {
    const admin = await makeUser('cli-admin');
    const projectId = await makeProject(admin, 'cli');
    const name = (await getProject(db(), projectId))?.name ?? '';
    const result = await cli('token', 'create', '--project', name, '--role', 'editor', '--name', 'bot');
    expect(result.code).toBe(0);
    const token = result.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^drk_\S+$/);
    expect(await authenticateToken(db(), token)).toMatchObject({ projectId, role: 'editor', userId: admin.id });
  });

  it('creates users, generating a password when none is given, and resets passwords', async () => {
    const email = `${unique('cli')}@example.test`;
    const created = await cli('user', 'create', '--email', email, '--name', 'CLI User');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`created user ${email}`));
    expect(created.stdout).toMatch(/^password: \S{12,}$/m);
    const again = await cli('user', 'create', '--email', email);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; use "user reset-password"/);
    const reset = await cli('user', 'reset-password', '--email', email, '--password', 'a-new-long-password');
    expect(reset.stdout).toMatch(/password of .* reset/);
    expect(reset.stdout).not.toMatch(/password: /);
  });

  it('disables a user: their tokens stop working until enabled again', async () => {
    const admin = await makeUser('cli-off');
    const projectId = await makeProject(admin, 'off');
    const { token } = await makeToken(projectId, admin, 'viewer');
    expect((await cli('user', 'disable', '--email', admin.email)).stdout).toMatch(/disabled/);
    expect(await authenticateToken(db(), token)).toBeNull();
    expect(await getUser(db(), admin.id)).toBeUndefined();
    await cli('user', 'enable', '--email', admin.email);
    expect(await authenticateToken(db(), token)).toMatchObject({ projectId });
  });

  it('explains bad usage and bad input in one line', async () => {
    expect((await cli('token', 'create', '--project', 'no-such-project', '--role', 'viewer', '--name', 'x')).stderr).toMatch(/^drucker: No project named no-such-project\.$/m);
    expect((await cli('token', 'create', '--project', 'p', '--role', 'root', '--name', 'x')).stderr).toMatch(/--role must be one of viewer, editor, admin/);
    expect((await cli('user', 'create', '--email', 'nope')).stderr).toMatch(/email: enter a valid email address/);
    expect((await cli('frobnicate')).stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('names every bad variable when the configuration is invalid', async () => {
    const { stderr, code } = await exec(process.execPath, [main, 'migrate'], {
      env: { NODE_ENV: 'test', PATH: process.env.PATH, DATABASE_URL: 'nonsense', JOBS_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' },
      cwd: '/tmp',
    }).then(
      () => ({ stderr: '', code: 0 }),
      (e: { stderr: string; code: number }) => e,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL: must be a URL like mysql://user:password@host:3306/drucker');
    expect(stderr).toContain('NEXTAUTH_SECRET: missing (see .env.example)');
    expect(stderr).toContain('DRUCKER_SECRET_KEY: missing (see .env.example)');
  });

  it('validates token create like the API: one line, no stack, nothing created', async () => {
    const admin = await makeUser('cli-val');
    const projectId = await makeProject(admin, 'val');
    const name = (await getProject(db(), projectId))?.name ?? '';
    const create = (...extra: string[]) => cli('token', 'create', '--project', name, '--role', 'viewer', ...extra);
    for (const days of ['90d', '0', '-5', '100000', '1.5']) {
      const result = await create('--name', 'bot', `--expires-in-days=${days}`);
      expect(result.code, days).toBe(1);
      expect(result.stderr.trim(), days).toBe('drucker: expiresInDays: expiresInDays must be a whole number of days from 1 to 3650');
    }
    const long = await create('--name', 'n'.repeat(150));
    expect(long.code).toBe(1);
    expect(long.stderr.trim()).toBe('drucker: name: Too big: expected string to have <=100 characters');
    const ambiguous = await create('--name', 'bot', '--expires-in-days', '-5');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).not.toMatch(/^\s+at /m);
    expect(await db().select().from(apiTokens).where(eq(apiTokens.projectId, projectId))).toEqual([]);
    const ok = await create('--name', 'bot', '--expires-in-days', '90');
    expect(ok.code).toBe(0);
  });

  it('refuses seed-demo in production unless forced', async () => {
    const production: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: 'https://drucker.example.test' };
    const refused = await exec(process.execPath, [main, 'seed-demo'], { env: production }).then(
      () => ({ stderr: '', code: 0 }),
      (e: { stderr: string; code: number }) => e,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^drucker: seed-demo resets the password of admin@drucker\.local .* pass --force if this really is a demo\.$/);
  });
});
