import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { models } from '../../../db/schema/models.ts';
import { services } from '../../../db/schema/services.ts';
import { fakeSshKey, insertService } from '../../../test/cluster-fixtures.ts';
import { addMember, callerAs, errorOf, makeProject, makeUser, outcome, unique } from '../../../test/fixtures.ts';
import { getApplication } from './read.ts';
import { applicationSshKey } from './ssh-key.ts';


async function auditOf(projectId: number, applicationId: number) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.targetType, 'application'), eq(auditEvents.targetId, String(applicationId))));
}

describe('applications', () => {
  it('creates, reads and lists without ever returning the SSH key', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const editor = await addMember(projectId, admin, 'editor');
    const key = fakeSshKey();
    const name = unique('iris');
    const api = callerAs(editor.actor);
    const { applicationId } = await api.application.create({
      projectId,
      name,
      description: 'Iris classifier',
      gitUrl: 'git@github.com:example/iris.git',
      gitBranch: 'release/1.2',
      bootScript: 'start.sh',
      gitSshKey: key.replace(/\n/g, '\r\n'),
    });
    const got = await api.application.get({ applicationId });
    expect(got).toMatchObject({ id: applicationId, projectId, name, description: 'Iris classifier', gitBranch: 'release/1.2', bootScript: 'start.sh', gitSshKeySet: true });
    expect(got.serviceCounts).toEqual({ development: 0, beta: 0, staging: 0, production: 0 });
    const listed = await callerAs(admin.actor).application.list({ projectId });
    expect(listed.map((a) => a.name)).toEqual([name]);

    const keyBody = key.split('\n')[1]!;
    for (const output of [got, listed]) expect(JSON.stringify(output)).not.toContain(keyBody);
    const [row] = await db().select().from(applications).where(eq(applications.id, applicationId));
    expect(row?.gitSshKeySealed).toMatch(/^v2\./);
    expect(row?.gitSshKeySealed).not.toContain(keyBody);
    // Stored with Unix line endings and a final newline, as OpenSSH wants the file.
    expect(await applicationSshKey(db(), applicationId)).toBe(key);
    const audit = await auditOf(projectId, applicationId);
    expect(audit.map((a) => a.action)).toEqual(['application.create']);
    expect(audit[0]?.after).toMatchObject({ name, gitSshKey: 'set' });
    expect(JSON.stringify(audit)).not.toContain(keyBody);
  });

  it('refuses bad names and keys with the field and what to do', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor);
    const upper = await errorOf(api.application.create({ projectId, name: 'Iris' }));
    expect(upper.code).toBe('BAD_REQUEST');
    expect(upper.message).toMatch(/name: The application name must be lowercase letters, digits and '-'/);
    const long = await errorOf(api.application.create({ projectId, name: 'a'.repeat(41) }));
    expect(long.message).toMatch(/at most 40 characters/);
    const pub = await errorOf(api.application.create({ projectId, name: unique('app'), gitSshKey: 'ssh-ed25519 AAAAC3Nza me@host' }));
    expect(pub.message).toMatch(/gitSshKey: that is a public key/);
    const url = await errorOf(api.application.create({ projectId, name: unique('app'), gitUrl: 'not a url' }));
    expect(url.message).toMatch(/gitUrl: give a git URL/);
    expect(await db().select().from(applications).where(eq(applications.projectId, projectId))).toEqual([]);
  });

  it('gives a clear 409 for a taken name, also when two requests race', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor);
    const name = unique('dup');
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => api.application.create({ projectId, name, gitSshKey: fakeSshKey() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      const reason = (r).reason as TRPCError;
      expect(reason.code).toBe('CONFLICT');
      expect(reason.message).toBe(`An application named ${name} already exists in this project; choose another name.`);
    }
    const rows = await db().select().from(applications).where(eq(applications.projectId, projectId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.gitSshKeySealed).toMatch(/^v2\./);
    // The same name in another project is fine.
    const other = await makeProject(admin);
    expect(await outcome(api.application.create({ projectId: other, name }))).toBe('OK');
  });

  it('updates: keeps, replaces and removes the SSH key; clears fields with null', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor);
    const first = fakeSshKey();
    const { applicationId } = await api.application.create({ projectId, name: unique('app'), gitUrl: 'https://example.com/a.git', gitSshKey: first });

    await api.application.update({ applicationId, description: 'now described' });
    expect(await applicationSshKey(db(), applicationId)).toBe(first);
    expect(await api.application.get({ applicationId })).toMatchObject({ description: 'now described', gitUrl: 'https://example.com/a.git', gitSshKeySet: true });

    const second = fakeSshKey();
    await api.application.update({ applicationId, gitSshKey: second, gitUrl: null });
    expect(await applicationSshKey(db(), applicationId)).toBe(second);
    expect(await api.application.get({ applicationId })).toMatchObject({ gitUrl: null, gitSshKeySet: true });

    await api.application.update({ applicationId, gitSshKey: null });
    expect(await applicationSshKey(db(), applicationId)).toBeNull();
    expect((await api.application.get({ applicationId })).gitSshKeySet).toBe(false);

    const audit = await auditOf(projectId, applicationId);
    expect(audit.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^created application/),
      expect.stringMatching(/^updated application/),
      expect.stringMatching(/replaced the SSH key$/),
      expect.stringMatching(/removed the SSH key$/),
    ]);
    for (const key of [first, second]) expect(JSON.stringify(audit)).not.toContain(key.split('\n')[1]);
  });

  it('counts live services per level, refuses delete and rename while they exist, naming them', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor);
    const name = unique('app');
    const { applicationId } = await api.application.create({ projectId, name });
    const a = await insertService({ applicationId, clusterId: null, level: 'production', displayName: 'Variant A' });
    const b = await insertService({ applicationId, clusterId: null, level: 'production' });
    await insertService({ applicationId, clusterId: null, level: 'staging', deleted: true });
    expect((await api.application.get({ applicationId })).serviceCounts).toEqual({ development: 0, beta: 0, staging: 0, production: 2 });

    const refused = await errorOf(api.application.delete({ applicationId }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(`Application ${name} still has 2 services: Variant A (production, ${a.k8sName}), ${b.k8sName} (production). Delete them first.`);
    const rename = await errorOf(api.application.update({ applicationId, name: unique('renamed') }));
    expect(rename.message).toMatch(/cannot be renamed while it has services/);
    expect(await getApplication(db(), projectId, applicationId)).toMatchObject({ name });

    await db().update(services).set({ status: 'deleted', deletedAt: new Date() }).where(eq(services.applicationId, applicationId));
    await api.application.delete({ applicationId });
    expect(await db().select().from(applications).where(eq(applications.id, applicationId))).toEqual([]);
    const audit = await auditOf(projectId, applicationId);
    expect(audit.at(-1)).toMatchObject({ action: 'application.delete', summary: `deleted application ${name}` });
  });

  it('refuses delete while the application has models', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const api = callerAs(admin.actor);
    const { applicationId } = await api.application.create({ projectId, name: unique('app') });
    await db().insert(models).values({ applicationId, name: 'iris', version: '1', fileName: 'm.pkl', size: 1, sha256: '0'.repeat(64), storageKey: 'k' });
    const refused = await errorOf(api.application.delete({ applicationId }));
    expect(refused.message).toMatch(/still has a model\. Delete it first, so the files leave model storage too\./);
  });

  it("treats another project's application as unknown", async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { applicationId } = await callerAs(admin.actor).application.create({ projectId, name: unique('app') });
    const stranger = await makeUser('stranger');
    const theirs = await makeProject(stranger);
    expect(await outcome(callerAs(stranger.actor).application.get({ applicationId }))).toBe('NOT_FOUND');
    await expect(getApplication(db(), theirs, applicationId)).rejects.toThrow(/was not found/);
    expect(await outcome(callerAs(admin.actor).application.get({ applicationId: 999_999_999 }))).toBe('NOT_FOUND');
  });
});
