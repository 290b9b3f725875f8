import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { startKubeSim, type KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { closedPortUrl, startBlackHole, withForeignCa, withServer, withToken, withTwoContexts } from '../../../test/cluster-fixtures.ts';
import { callerAs, errorOf, makeProject, makeUser, unique, type TestUser } from '../../../test/fixtures.ts';
import { createCluster } from './create.ts';
import { clusterConnection } from './secrets.ts';

// Adding a cluster against a real kube-sim over HTTPS: verified and saved, or refused with exactly
// what failed and nothing saved.

let sim: KubeSim;
let admin: TestUser;
let projectId: number;

beforeAll(async () => {
  sim = await startKubeSim({ port: 0 });
  admin = await makeUser('admin');
  projectId = await makeProject(admin);
});

afterAll(async () => {
  await db().delete(clusters).where(eq(clusters.projectId, projectId));
  await sim.close();
});

const base = () => ({ projectId, name: unique('c'), dnsName: 'models.example.com' });

async function clusterRows() {
  return db().select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.projectId, projectId));
}

async function clusterAudit() {
  return db().select().from(auditEvents).where(eq(auditEvents.projectId, projectId));
}

describe('cluster.create', () => {
  it('verifies, then saves the cluster with its kubeconfig sealed, its context and version', async () => {
    const input = { ...base(), kubeconfig: sim.kubeconfig };
    const { clusterId } = await callerAs(admin.actor).cluster.create(input);
    const got = await callerAs(admin.actor).cluster.get({ clusterId });
    expect(got).toMatchObject({
      id: clusterId,
      name: input.name,
      context: 'kube-sim',
      apiServerUrl: sim.url,
      dnsName: 'models.example.com',
      grpcAnnotationPreset: 'nginx',
      namespaceTemplate: '{level}',
      nodePinning: false,
      trafficRouter: 'none',
      gatewayName: null,
      ingressClass: null,
      health: 'healthy',
      kubernetesVersion: expect.stringMatching(/^v1\.\d+/),
      lastError: null,
      serviceDb: null,
      modelStorageCredentialsSet: false,
      serviceCount: 0,
      // DESIGN.md defaults: a directory per cluster for the demo, the original's hostPath for pods.
      modelStorage: {
        write: { kind: 'fs', dir: `./data/clusters/${input.name}` },
        pods: { kind: 'hostPath', path: '/mnt/drucker-model' },
        mountPath: '/mnt/drucker-model',
      },
    });
    expect(got.lastCheckedAt).not.toBeNull();
    expect(got.lastHealthyAt).toBe(got.lastCheckedAt);
    const [row] = await db().select().from(clusters).where(eq(clusters.id, clusterId));
    expect(row?.kubeconfigSealed).toMatch(/^v2\./);
    expect(row?.kubeconfigSealed).not.toContain(sim.token);
    expect((await clusterConnection(db(), clusterId)).kubeconfig).toContain(sim.token);
    const audit = (await clusterAudit()).filter((a) => a.targetType === 'cluster' && a.targetId === String(clusterId));
    expect(audit).toEqual([expect.objectContaining({ action: 'cluster.create', targetLabel: input.name })]);
    expect(audit[0]?.summary).toContain(`(${sim.url}, context kube-sim, Kubernetes v1.`);
  });

  it('saves every optional setting, sealing the service DB password and S3 keys', async () => {
    const input = {
      ...base(),
      kubeconfig: sim.kubeconfig,
      description: 'GPU pool',
      ingressClass: 'nginx-internal',
      grpcAnnotationPreset: 'nghttpx' as const,
      namespaceTemplate: 'ml-{level}',
      nodePinning: true,
      trafficRouter: 'gateway-api' as const,
      gatewayName: 'models',
      gatewayNamespace: 'gateways',
      modelStorage: { write: { kind: 's3' as const, bucket: 'models', prefix: '/prod/', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }, pods: { kind: 'pvc' as const, claimName: 'drucker-models' } },
      modelStorageCredentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3-secret-do-not-leak' },
      serviceDb: { host: 'mysql.internal', database: 'drucker', user: 'drucker', password: 'db-password-do-not-leak' },
    };
    const { clusterId } = await callerAs(admin.actor).cluster.create(input);
    const got = await callerAs(admin.actor).cluster.get({ clusterId });
    expect(got).toMatchObject({
      description: 'GPU pool',
      ingressClass: 'nginx-internal',
      grpcAnnotationPreset: 'nghttpx',
      namespaceTemplate: 'ml-{level}',
      nodePinning: true,
      trafficRouter: 'gateway-api',
      gatewayName: 'models',
      gatewayNamespace: 'gateways',
      modelStorage: { write: { kind: 's3', bucket: 'models', prefix: 'prod', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }, pods: { kind: 'pvc', claimName: 'drucker-models' }, mountPath: '/mnt/drucker-model' },
      modelStorageCredentialsSet: true,
      serviceDb: { host: 'mysql.internal', port: 3306, database: 'drucker', user: 'drucker', passwordSet: true },
    });
    const text = JSON.stringify({ got, audit: await clusterAudit(), row: await db().select().from(clusters).where(eq(clusters.id, clusterId)) });
    for (const secret of ['s3-secret-do-not-leak', 'db-password-do-not-leak', sim.token]) expect(text).not.toContain(secret);
  });

  it('picks the named context of a kubeconfig with several, and asks for one when it cannot tell', async () => {
    const kubeconfig = withTwoContexts(sim.kubeconfig, 'https://other.invalid:6443');
    const inspected = await callerAs(admin.actor).cluster.inspectKubeconfig({ projectId, kubeconfig });
    expect(inspected).toEqual({
      contexts: [
        expect.objectContaining({ name: 'kube-sim', server: sim.url, namespace: 'default' }),
        expect.objectContaining({ name: 'other', server: 'https://other.invalid:6443' }),
      ],
    });
    const ambiguous = await errorOf(callerAs(admin.actor).cluster.create({ ...base(), kubeconfig }));
    expect(ambiguous.code).toBe('BAD_REQUEST');
    expect(ambiguous.message).toMatch(/2 contexts and no current-context; pick one of "kube-sim", "other"/);
    const missing = await errorOf(callerAs(admin.actor).cluster.create({ ...base(), kubeconfig, context: 'nope' }));
    expect(missing.message).toMatch(/no context "nope"/);
    const { clusterId } = await callerAs(admin.actor).cluster.create({ ...base(), kubeconfig, context: 'kube-sim' });
    expect((await callerAs(admin.actor).cluster.get({ clusterId })).context).toBe('kube-sim');
    // Only the context in use is kept, so no other cluster's credentials are stored here.
    const stored = (await clusterConnection(db(), clusterId)).kubeconfig;
    expect(stored).toContain(sim.token);
    expect(stored).not.toContain('other.invalid');
    expect(stored).toMatch(/current-context: kube-sim/);
    const unreadable = await errorOf(callerAs(admin.actor).cluster.inspectKubeconfig({ projectId, kubeconfig: 'clusters: [' }));
    expect(unreadable.message).toMatch(/^The kubeconfig cannot be used: /);
  });

  describe('saves nothing and says exactly what failed', () => {
    const cases: { what: string; kubeconfig: () => Promise<string> | string; stage: string; message: RegExp; timeoutMs?: number }[] = [
      { what: 'an unknown host (DNS)', kubeconfig: () => withServer(sim.kubeconfig, 'https://no-such-cluster.invalid:6443'), stage: 'dns', message: /DNS: the host name no-such-cluster\.invalid:6443 was not found/ },
      { what: 'a certificate from another CA (TLS)', kubeconfig: () => withForeignCa(sim.kubeconfig), stage: 'tls', message: /TLS: certificate signed by unknown authority/ },
      { what: 'a wrong token (401)', kubeconfig: () => withToken(sim.kubeconfig, 'not-the-token'), stage: 'unauthorized', message: /401 Unauthorized: .* rejected the credentials/ },
      { what: 'nothing listening (connection refused)', kubeconfig: async () => withServer(sim.kubeconfig, await closedPortUrl()), stage: 'connect', message: /connection refused by 127\.0\.0\.1:\d+: nothing is listening there/ },
      { what: 'not Kubernetes YAML', kubeconfig: () => 'just: [some, yaml]', stage: 'kubeconfig', message: /^The kubeconfig cannot be used: / },
    ];
    for (const c of cases) {
      it(c.what, async () => {
        const before = await clusterRows();
        const input = { ...base(), kubeconfig: await c.kubeconfig() };
        const error = await errorOf(callerAs(admin.actor).cluster.create(input));
        expect(error.code).toBe('BAD_REQUEST');
        expect(error.message).toMatch(c.message);
        expect(error.details).toMatchObject({ verification: { stage: c.stage } });
        expect(await clusterRows()).toEqual(before);
        expect((await clusterAudit()).some((a) => a.targetLabel === input.name)).toBe(false);
      });
    }

    it('permissions the kubeconfig lacks (403), naming each verb and resource', async () => {
      sim.faults.denyRules = [
        { verb: 'create', resource: 'deployments', group: 'apps' },
        { verb: 'delete', resource: 'ingresses', group: 'networking.k8s.io' },
      ];
      try {
        const input = { ...base(), kubeconfig: sim.kubeconfig };
        const error = await errorOf(callerAs(admin.actor).cluster.create(input));
        expect(error.message).toMatch(/403 Forbidden: the kubeconfig's user "kube-sim" may not create deployments\.apps, delete ingresses\.networking\.k8s\.io\./);
        expect(error.details).toEqual({
          verification: {
            stage: 'forbidden',
            denied: [
              { verb: 'create', group: 'apps', resource: 'deployments' },
              { verb: 'delete', group: 'networking.k8s.io', resource: 'ingresses' },
            ],
          },
        });
        expect((await clusterRows()).some((r) => r.name === input.name)).toBe(false);
      } finally {
        sim.faults.denyRules = [];
      }
    });

    it('an API server that never answers (timeout)', async () => {
      const hole = await startBlackHole();
      try {
        const input = { ...base(), kubeconfig: withServer(sim.kubeconfig, hole.url) };
        const started = Date.now();
        const error = await createCluster(db(), admin.actor, input, { verifyTimeoutMs: 1_500 }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(error).toMatchObject({ code: 'BAD_REQUEST', details: { verification: { stage: 'timeout' } } });
        expect(String(error)).toMatch(/timeout: no answer from https:\/\/127\.0\.0\.1:\d+ within 2 s/);
        expect((await clusterRows()).some((r) => r.name === input.name)).toBe(false);
      } finally {
        await hole.close();
      }
    });
  });

  it('refuses bad settings before contacting the cluster', async () => {
    const api = callerAs(admin.actor);
    const unreachable = await closedPortUrl();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Prod' }, /name: The cluster name must be lowercase/],
      [{ dnsName: 'not a host' }, /dnsName: The DNS name must be lowercase DNS labels/],
      [{ namespaceTemplate: '{team}-{level}' }, /namespaceTemplate: unknown placeholder \{team\}/],
      [{ namespaceTemplate: 'ML_{level}' }, /namespaceTemplate: renders "ML_development" for development/],
      [{ trafficRouter: 'gateway-api' }, /gatewayName: name the Gateway/],
      [{ modelStorageCredentials: { accessKeyId: 'a', secretAccessKey: 'b' } }, /modelStorageCredentials: S3 credentials go with an S3 write side/],
      [{ modelStorage: { pods: { kind: 'hostPath', path: 'relative/dir' } } }, /modelStorage.pods.path: The hostPath must be an absolute path/],
      [{ serviceDb: { host: 'db', database: 'bad name!', user: 'u' } }, /serviceDb.database: a database name is/],
    ];
    for (const [change, message] of cases) {
      const error = await errorOf(api.cluster.create({ ...base(), kubeconfig: withServer(sim.kubeconfig, unreachable), ...change }));
      expect(error.code, JSON.stringify(change)).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
    }
    // The project's own name counts in the rendered namespace.
    const longProject = await makeProject(admin, 'p'.repeat(50));
    const tooLong = await errorOf(api.cluster.create({ ...base(), projectId: longProject, kubeconfig: sim.kubeconfig, namespaceTemplate: '{project}-{level}' }));
    expect(tooLong.message).toMatch(/The namespace template \{project\}-\{level\}: renders "p{50}-[0-9a-f]{8}-development" for development, longer than the 63 characters/);
  });

  it('lets one of several parallel creates of a name win; the others get a clear 409 and leave nothing behind', async () => {
    const name = unique('race');
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => callerAs(admin.actor).cluster.create({ ...base(), name, kubeconfig: sim.kubeconfig })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toMatchObject({ code: 'CONFLICT', message: `A cluster named ${name} already exists in this project; choose another name.` });
      }
    }
    const rows = (await clusterRows()).filter((r) => r.name === name);
    expect(rows).toHaveLength(1);
    const audit = (await clusterAudit()).filter((a) => a.targetLabel === name);
    expect(audit).toHaveLength(1);
    const [row] = await db().select().from(clusters).where(eq(clusters.id, rows[0]!.id));
    expect(row?.kubeconfigSealed).toMatch(/^v2\./);
  });
});
