import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/trpc/[trpc]/route.ts';
import { db } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/audit.ts';
import { clusters } from '../../db/schema/clusters.ts';
import { startKubeSim, type KubeSim } from '../../tools/kube-sim/src/index.ts';
import { fakeSshKey, withToken } from '../../test/cluster-fixtures.ts';
import { makeProject, makeToken, makeUser, unique } from '../../test/fixtures.ts';
import { appRouter } from '../trpc/root.ts';

// Secrets go in and never come out: every cluster and application procedure is called over HTTP
// as a tool would call it, successes and failures, and every byte it answers is searched for the
// kubeconfig's token, the service DB password, the S3 secret key and the SSH key; so are the
// project's audit rows and the stored columns.

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ port: 0 });
});
afterAll(() => sim.close());

describe('secrets in, never out', () => {
  it('no cluster or application procedure answers with a secret, nor does the audit log hold one', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { token } = await makeToken(projectId, admin, 'admin');
    const dbPassword = `db-pw-${unique('x')}`;
    const s3Secret = `s3-sk-${unique('x')}`;
    const sshKey = fakeSshKey();
    const sshBody = sshKey.split('\n')[1]!;
    const secrets = [sim.token, dbPassword, s3Secret, sshBody];

    const responses: string[] = [];
    const called = new Set<string>();
    const call = async (path: string, input: unknown) => {
      called.add(path);
      const response = await POST(
        new Request(`http://localhost/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        }),
      );
      const text = await response.text();
      responses.push(`${path} ${response.status} ${text}`);
      return { status: response.status, body: JSON.parse(text) as { result?: { data: Record<string, unknown> }; error?: { message: string } } };
    };

    // A kubeconfig that YAML cannot parse right after the token line: parsers like to quote the source.
    const broken = sim.kubeconfig.replace(/(token: .*\n)/, '$1  : [unbalanced\n');
    const unreadable = await call('cluster.inspectKubeconfig', { projectId, kubeconfig: broken });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error?.message).toMatch(/^The kubeconfig cannot be used: .*line \d+/);
    expect((await call('cluster.inspectKubeconfig', { projectId, kubeconfig: sim.kubeconfig })).status).toBe(200);
    expect((await call('cluster.create', { projectId, name: unique('bad'), dnsName: 'm.example.com', kubeconfig: broken })).status).toBe(400);
    expect((await call('cluster.create', { projectId, name: unique('bad'), dnsName: 'm.example.com', kubeconfig: withToken(sim.kubeconfig, `${sim.token}x`) })).status).toBe(400);
    const created = await call('cluster.create', {
      projectId,
      name: unique('c'),
      dnsName: 'm.example.com',
      kubeconfig: sim.kubeconfig,
      modelStorage: { write: { kind: 's3', bucket: 'models' } },
      modelStorageCredentials: { accessKeyId: 'AKIA', secretAccessKey: s3Secret },
      serviceDb: { host: 'mysql', database: 'drucker', user: 'drucker', password: dbPassword },
    });
    expect(created.status).toBe(200);
    const clusterId = created.body.result!.data.clusterId as number;
    await call('cluster.list', { projectId });
    await call('cluster.get', { clusterId });
    await call('cluster.check', { clusterId });
    expect((await call('cluster.update', { clusterId, kubeconfig: sim.kubeconfig, serviceDb: { host: 'mysql2', database: 'drucker', user: 'drucker', password: `${dbPassword}2` } })).status).toBe(200);

    const app = await call('application.create', { projectId, name: unique('app'), gitSshKey: sshKey });
    const applicationId = app.body.result!.data.applicationId as number;
    await call('application.list', { projectId });
    await call('application.get', { applicationId });
    await call('application.update', { applicationId, gitSshKey: sshKey });
    // A key that is not a key is refused without being echoed.
    expect((await call('application.update', { applicationId, gitSshKey: `${sshKey}garbage` })).status).toBe(400);
    await call('application.delete', { applicationId });
    await call('cluster.delete', { clusterId });

    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('cluster.') || p.startsWith('application.'));
    expect([...called].sort()).toEqual(procedures.sort());
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.projectId, projectId));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['cluster.create', 'cluster.check', 'cluster.update', 'cluster.delete', 'application.create', 'application.update', 'application.delete']),
    );
    const everything = [...responses, JSON.stringify(audit)].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(`${dbPassword}2`);
  });

  it('stores secrets only sealed', async () => {
    const admin = await makeUser('admin');
    const projectId = await makeProject(admin);
    const { token } = await makeToken(projectId, admin, 'admin');
    const response = await POST(
      new Request('http://localhost/api/trpc/cluster.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ projectId, name: unique('c'), dnsName: 'm.example.com', kubeconfig: sim.kubeconfig, serviceDb: { host: 'h', database: 'd', user: 'u', password: 'sealed-pw' } }),
      }),
    );
    expect(response.status).toBe(200);
    const rows = await db().select().from(clusters).where(eq(clusters.projectId, projectId));
    const text = JSON.stringify(rows);
    expect(text).not.toContain(sim.token);
    expect(text).not.toContain('sealed-pw');
    expect(rows[0]?.kubeconfigSealed).toMatch(/^v2\./);
    expect(rows[0]?.serviceDbPasswordSealed).toMatch(/^v2\./);
    await db().delete(clusters).where(eq(clusters.projectId, projectId));
  });
});
