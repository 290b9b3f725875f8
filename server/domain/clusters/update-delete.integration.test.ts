import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { services } from '../../../db/schema/services.ts';
import { startKubeSim, type KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { insertService, withToken } from '../../../test/cluster-fixtures.ts';
import { addMember, callerAs, errorOf, makeProject, makeUser, outcome, unique, type TestUser } from '../../../test/fixtures.ts';
import { getCluster } from './read.ts';
import { clusterConnection, clusterModelStorageCredentials, clusterServiceDbPassword } from './secrets.ts';

let sim: KubeSim;
let other: KubeSim;
let admin: TestUser;
let projectId: number;

beforeAll(async () => {
  [sim, other] = await Promise.all([startKubeSim({ port: 0 }), startKubeSim({ port: 0 })]);
  admin = await makeUser('admin');
  projectId = await makeProject(admin);
});

afterAll(async () => {
  await db().delete(clusters).where(eq(clusters.projectId, projectId));
  await Promise.all([sim.close(), other.close()]);
});

async function addCluster(extra: Record<string, unknown> = {}) {
  const name = unique('c');
  const { clusterId } = await callerAs(admin.actor).cluster.create({ projectId, name, dnsName: 'models.example.com', kubeconfig: sim.kubeconfig, ...extra });
  return { clusterId, name };
}

async function auditOf(clusterId: number) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, 'cluster'), eq(auditEvents.targetId, String(clusterId))));
}

describe('cluster.update', () => {
  it('keeps the kubeconfig and secrets when they are omitted, and changes the rest', async () => {
    const { clusterId } = await addCluster({ serviceDb: { host: 'db', database: 'drucker', user: 'u', password: 'pw-one' } });
    await callerAs(admin.actor).cluster.update({ clusterId, dnsName: 'ml.example.org', ingressClass: 'nginx', nodePinning: true, serviceDb: { host: 'db2', database: 'drucker', user: 'u' } });
    const got = await callerAs(admin.actor).cluster.get({ clusterId });
    expect(got).toMatchObject({ dnsName: 'ml.example.org', ingressClass: 'nginx', nodePinning: true, serviceDb: { host: 'db2', port: 3306, passwordSet: true }, health: 'healthy' });
    expect(await clusterServiceDbPassword(db(), clusterId)).toBe('pw-one');
    expect((await clusterConnection(db(), clusterId)).kubeconfig).toContain(sim.token);
    const [update] = (await auditOf(clusterId)).filter((a) => a.action === 'cluster.update');
    expect(update?.summary).toMatch(/dnsName, ingressClass, nodePinning, serviceDb$/);
    expect(update?.before).toMatchObject({ dnsName: 'models.example.com', serviceDb: { host: 'db', password: 'set' } });
    expect(update?.after).toMatchObject({ dnsName: 'ml.example.org', serviceDb: { host: 'db2', password: 'set' } });
  });

  it('replaces the kubeconfig only after verifying the new one', async () => {
    const { clusterId } = await addCluster();
    const bad = await errorOf(callerAs(admin.actor).cluster.update({ clusterId, kubeconfig: withToken(other.kubeconfig, 'wrong'), dnsName: 'changed.example.com' }));
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', details: { verification: { stage: 'unauthorized' } } });
    expect(bad.message).toMatch(/401 Unauthorized/);
    let got = await getCluster(db(), projectId, clusterId);
    expect(got).toMatchObject({ apiServerUrl: sim.url, dnsName: 'models.example.com' });
    expect((await clusterConnection(db(), clusterId)).kubeconfig).toContain(sim.token);

    await callerAs(admin.actor).cluster.update({ clusterId, kubeconfig: other.kubeconfig });
    got = await getCluster(db(), projectId, clusterId);
    expect(got).toMatchObject({ apiServerUrl: other.url, context: 'kube-sim', health: 'healthy' });
    expect((await clusterConnection(db(), clusterId)).kubeconfig).toContain(other.token);
    const audit = await auditOf(clusterId);
    expect(audit.at(-1)?.summary).toMatch(/apiServerUrl, kubeconfig replaced$/);
    expect(audit.at(-1)?.after).toMatchObject({ apiServerUrl: other.url, kubeconfig: 'replaced' });
    expect(JSON.stringify(audit)).not.toContain(other.token);
  });

  it('clears or replaces the service DB password and the S3 keys', async () => {
    const { clusterId } = await addCluster({
      serviceDb: { host: 'db', database: 'drucker', user: 'u', password: 'pw-one' },
      modelStorage: { write: { kind: 's3', bucket: 'models' } },
      modelStorageCredentials: { accessKeyId: 'AK1', secretAccessKey: 'sk-one' },
    });
    const api = callerAs(admin.actor);
    await api.cluster.update({ clusterId, serviceDb: { host: 'db', database: 'drucker', user: 'u', password: 'pw-two' }, modelStorageCredentials: { accessKeyId: 'AK2', secretAccessKey: 'sk-two' } });
    expect(await clusterServiceDbPassword(db(), clusterId)).toBe('pw-two');
    expect(await clusterModelStorageCredentials(db(), clusterId)).toEqual({ accessKeyId: 'AK2', secretAccessKey: 'sk-two' });
    expect((await auditOf(clusterId)).at(-1)?.summary).toMatch(/service DB password replaced, S3 credentials replaced$/);

    await api.cluster.update({ clusterId, serviceDb: { host: 'db', database: 'drucker', user: 'u', password: null }, modelStorageCredentials: null });
    expect(await clusterServiceDbPassword(db(), clusterId)).toBeNull();
    expect(await clusterModelStorageCredentials(db(), clusterId)).toBeNull();
    expect(await api.cluster.get({ clusterId })).toMatchObject({ serviceDb: { passwordSet: false }, modelStorageCredentialsSet: false });

    // Moving the write side to a directory drops keys that no longer apply; removing the DB, its password.
    await api.cluster.update({ clusterId, serviceDb: { host: 'db', database: 'drucker', user: 'u', password: 'pw-3' }, modelStorageCredentials: { accessKeyId: 'AK3', secretAccessKey: 'sk-3' } });
    await api.cluster.update({ clusterId, serviceDb: null, modelStorage: { write: { kind: 'fs', dir: '/srv/models' } } });
    const [row] = await db().select().from(clusters).where(eq(clusters.id, clusterId));
    expect(row).toMatchObject({ serviceDb: null, serviceDbPasswordSealed: null, modelStorageCredentialsSealed: null, modelStorage: { write: { kind: 'fs', dir: '/srv/models' } } });
    const text = JSON.stringify(await auditOf(clusterId));
    for (const secret of ['pw-one', 'pw-two', 'pw-3', 'sk-one', 'sk-two', 'sk-3']) expect(text).not.toContain(secret);
  });

  it('refuses a rename to a taken name with 409, and settings that do not fit together', async () => {
    const a = await addCluster();
    const b = await addCluster();
    const taken = await errorOf(callerAs(admin.actor).cluster.update({ clusterId: b.clusterId, name: a.name }));
    expect(taken).toMatchObject({ code: 'CONFLICT', message: `A cluster named ${a.name} already exists in this project; choose another name.` });
    const router = await errorOf(callerAs(admin.actor).cluster.update({ clusterId: b.clusterId, trafficRouter: 'gateway-api' }));
    expect(router.message).toMatch(/gatewayName: name the Gateway/);
    const context = await errorOf(callerAs(admin.actor).cluster.update({ clusterId: b.clusterId, context: 'another' }));
    expect(context.message).toBe('Drucker keeps only the context it uses (kube-sim); to use another, upload the kubeconfig again and pick it.');
    expect((await getCluster(db(), projectId, b.clusterId)).trafficRouter).toBe('none');
  });
});

describe('cluster.check', () => {
  it('lets editors check; records what it found and who asked', async () => {
    const { clusterId, name } = await addCluster();
    const editor = await addMember(projectId, admin, 'editor');
    sim.faults.denyRules = [{ verb: 'watch', resource: 'pods', group: '' }];
    try {
      const found = await callerAs(editor.actor).cluster.check({ clusterId });
      expect(found).toMatchObject({ health: 'forbidden', kubernetesVersion: expect.stringMatching(/^v1\./) });
      expect(found.lastError).toMatch(/may not watch pods/);
    } finally {
      sim.faults.denyRules = [];
    }
    const back = await callerAs(editor.actor).cluster.check({ clusterId });
    expect(back).toMatchObject({ health: 'healthy', lastError: null });
    expect(back.lastHealthyAt).toBe(back.lastCheckedAt);
    const checks = (await auditOf(clusterId)).filter((a) => a.action === 'cluster.check');
    expect(checks.map((c) => c.summary)).toEqual([`checked cluster ${name}: forbidden`, expect.stringMatching(new RegExp(`^checked cluster ${name}: healthy, Kubernetes v1\\.`))]);
    expect(checks.every((c) => c.actorLabel === editor.email)).toBe(true);
    const viewer = await addMember(projectId, admin, 'viewer');
    expect(await outcome(callerAs(viewer.actor).cluster.check({ clusterId }))).toBe('FORBIDDEN');
  });
});

describe('cluster.delete', () => {
  it('is refused while services that are not deleted use the cluster, naming them', async () => {
    const { clusterId, name } = await addCluster();
    const appName = unique('app');
    const { applicationId } = await callerAs(admin.actor).application.create({ projectId, name: appName });
    const live = await insertService({ applicationId, clusterId, level: 'production' });
    const gone = await insertService({ applicationId, clusterId, level: 'staging', deleted: true });
    expect((await callerAs(admin.actor).cluster.get({ clusterId })).serviceCount).toBe(1);

    const refused = await errorOf(callerAs(admin.actor).cluster.delete({ clusterId }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(`Cluster ${name} is still used by a service: ${appName}/${live.k8sName} (production). Delete it first.`);
    expect(refused.details).toEqual({ services: [{ id: live.serviceId, application: appName, k8sName: live.k8sName, level: 'production' }] });

    await db().update(services).set({ status: 'deleted', deletedAt: new Date() }).where(eq(services.id, live.serviceId));
    await callerAs(admin.actor).cluster.delete({ clusterId });
    expect(await db().select().from(clusters).where(eq(clusters.id, clusterId))).toEqual([]);
    // History outlives the cluster: deleted services stay, with no cluster.
    const [kept] = await db().select().from(services).where(eq(services.id, gone.serviceId));
    expect(kept?.clusterId).toBeNull();
    expect((await auditOf(clusterId)).at(-1)).toMatchObject({ action: 'cluster.delete', summary: `removed cluster ${name} (${sim.url})` });
  });

  it("treats another project's cluster as unknown", async () => {
    const { clusterId } = await addCluster();
    const stranger = await makeUser('stranger');
    const theirs = await makeProject(stranger);
    expect(await outcome(callerAs(stranger.actor).cluster.delete({ clusterId }))).toBe('NOT_FOUND');
    await expect(getCluster(db(), theirs, clusterId)).rejects.toThrow(/That cluster was not found/);
    expect(await outcome(callerAs(admin.actor).cluster.get({ clusterId: 999_999_999 }))).toBe('NOT_FOUND');
  });
});
