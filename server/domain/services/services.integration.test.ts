import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { addMember, callerAs, makeProject, makeUser, type TestUser } from '../../../test/fixtures.ts';
import { discardQueuedRollouts, makeApplication, makeCluster } from '../../../test/deploy-fixtures.ts';
import { env } from '../../env.ts';
import { closeQueue } from '../../jobs/queue.ts';

// The mutation side of the deploy loop: rows, revisions, supersession, audit and jobs. No worker
// runs here; the rollout task has its own tests against kube-sim.

let admin: TestUser;
let editor: TestUser;
let projectId: number;
let applicationId: number;
let clusterId: number;
const created: number[] = [];
const jobs = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL });

beforeAll(async () => {
  admin = await makeUser('svc-admin');
  projectId = await makeProject(admin, 'svc');
  editor = await addMember(projectId, admin, 'editor');
  applicationId = await makeApplication(projectId, 'iris');
  clusterId = await makeCluster(projectId, { dnsName: 'ml.example.test' });
});

afterAll(async () => {
  await discardQueuedRollouts(created);
  await jobs.end();
  await closeQueue();
});

async function newService(spec: Record<string, unknown> = { image: 'example/iris:1' }) {
  const result = await callerAs(editor.actor).service.create({ applicationId, clusterId, level: 'development', spec: spec as { image: string }, reason: 'first deploy' });
  created.push(result.serviceId);
  return result;
}

const rolloutRow = async (id: number) => (await db().select().from(rollouts).where(eq(rollouts.id, id)))[0]!;

describe('service mutations', () => {
  it('creates a service with its create rollout, audit event and job', async () => {
    const { serviceId, rolloutId } = await newService();
    const service = await callerAs(editor.actor).service.get({ serviceId });
    expect(service).toMatchObject({ level: 'development', namespace: 'development', status: 'pending', applicationName: 'iris' });
    expect(service.k8sName).toMatch(/^iris-development-[a-z0-9]{5}$/);
    expect(service.host).toBe(`${service.k8sName}.ml.example.test`);
    expect(service.levelHost).toBe('iris-development.ml.example.test');
    expect(service.lastRollout).toMatchObject({ id: rolloutId, revision: 1, kind: 'create', status: 'queued', actor: { type: 'user', label: editor.email }, reason: 'first deploy' });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'service.create'), eq(auditEvents.targetId, String(serviceId))));
    expect(audit?.summary).toContain('example/iris:1');
    const { rows } = await jobs.query('SELECT key, queue_name FROM graphile_worker.jobs WHERE key = $1', [`rollout:${rolloutId}`]);
    expect(rows).toEqual([{ key: `rollout:${rolloutId}`, queue_name: `service:${serviceId}` }]);
  });

  it('lists the last rollout as a summary (counts, no pods or events); service.get keeps them', async () => {
    const { serviceId, rolloutId } = await newService();
    const pod = { name: 'p-1', phase: 'Running', ready: true, restarts: 0 };
    const event = { type: 'Normal', reason: 'Pulled', message: 'pulled', object: 'Pod/p-1', count: 1, lastSeen: '2026-01-01T00:00:00.000Z' };
    const progressDetail = { phase: 'watching the Deployment', desired: 2, updated: 2, ready: 1, available: 1, pods: [pod], events: [event] };
    await db().update(rollouts).set({ status: 'running', progress: 50, progressDetail }).where(eq(rollouts.id, rolloutId));
    const listed = (await callerAs(editor.actor).service.list({ applicationId })).find((s) => s.id === serviceId);
    expect(listed?.lastRollout?.progressDetail).toEqual({ phase: 'watching the Deployment', desired: 2, updated: 2, ready: 1, available: 1 });
    expect(listed?.replicas).toEqual({ desired: 2, updated: 2, ready: 1, available: 1 });
    expect(listed?.lastRollout).toMatchObject({ id: rolloutId, status: 'running', progress: 50, actor: { label: editor.email } });
    const full = await callerAs(editor.actor).service.get({ serviceId });
    expect(full.lastRollout?.progressDetail).toEqual(progressDetail);
  });

  it('updates part of the spec as revision 2 and supersedes the queued revision 1', async () => {
    const { serviceId, rolloutId: first } = await newService();
    const { rolloutId } = await callerAs(editor.actor).service.update({ serviceId, spec: { cpuRequest: '250m' }, reason: 'less CPU' });
    expect(rolloutId).not.toBeNull();
    expect(await rolloutRow(first)).toMatchObject({ status: 'superseded', supersededById: rolloutId });
    const second = await callerAs(editor.actor).rollout.get({ rolloutId: rolloutId! });
    expect(second).toMatchObject({ revision: 2, kind: 'update', status: 'queued' });
    expect(second.spec).toMatchObject({ image: 'example/iris:1', cpuRequest: '250m' });
    const diff = await callerAs(editor.actor).rollout.diff({ rolloutId: rolloutId! });
    expect(diff.changes).toEqual([expect.objectContaining({ field: 'cpuRequest', change: 'changed', before: '500m', after: '250m' })]);
  });

  it('keeps every one of many parallel edits, each as its own revision, applied on top of the one before', async () => {
    const { serviceId } = await newService();
    const edits = [{ image: 'example/iris:2' }, { replicas: 3 }, { memo: 'parallel' }, { minReadySeconds: 5 }, { memoryRequest: '1Gi' }, { cpuRequest: '750m' }];
    const results = await Promise.all(edits.map((spec) => callerAs(editor.actor).service.update({ serviceId, spec })));
    const list = await callerAs(editor.actor).rollout.list({ serviceId });
    expect(list.map((r) => r.revision)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(results.map((r) => r.rolloutId)).size).toBe(edits.length);
    expect(list.filter((r) => r.status === 'queued')).toHaveLength(1);
    expect(list.slice(1).every((r) => r.status === 'superseded')).toBe(true);
    const service = await callerAs(editor.actor).service.get({ serviceId });
    expect(service.spec).toMatchObject({ image: 'example/iris:2', replicas: 3, memo: 'parallel', minReadySeconds: 5, memoryRequest: '1Gi', cpuRequest: '750m' });
  });

  it('refuses bad input with the field and what to do, and leaves nothing behind', async () => {
    const { serviceId } = await newService();
    await expect(callerAs(editor.actor).service.update({ serviceId, spec: { cpuLimit: '100m' } })).rejects.toThrow(/cpuRequest: the CPU request 500m exceeds the limit 100m/);
    await expect(callerAs(editor.actor).service.update({ serviceId, spec: { image: 'example/iris:1' } })).rejects.toThrow(/Nothing to change/);
    await expect(callerAs(editor.actor).service.restart({ serviceId, memo: '' })).rejects.toThrow(/memo/);
    expect(await callerAs(editor.actor).rollout.list({ serviceId })).toHaveLength(1);
  });

  it('restarts with a new memo, and refuses the memo it already has', async () => {
    const { serviceId } = await newService();
    const { rolloutId } = await callerAs(editor.actor).service.restart({ serviceId, memo: 'retrain 2026-11' });
    expect((await rolloutRow(rolloutId)).spec.memo).toBe('retrain 2026-11');
    await expect(callerAs(editor.actor).service.restart({ serviceId, memo: 'retrain 2026-11' })).rejects.toThrow(/memo is unchanged/);
  });

  it('cancels a queued rollout and returns the service to the spec before it', async () => {
    const { serviceId, rolloutId: first } = await newService();
    await db().update(rollouts).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(rollouts.id, first));
    const { rolloutId } = await callerAs(editor.actor).service.update({ serviceId, spec: { replicas: 4 } });
    await callerAs(editor.actor).rollout.cancel({ rolloutId: rolloutId! });
    const service = await callerAs(editor.actor).service.get({ serviceId });
    expect(service.spec.replicas).toBe(1);
    expect(service.status).toBe('running');
    await expect(callerAs(editor.actor).rollout.cancel({ rolloutId: rolloutId! })).rejects.toThrow(/only queued rollouts can be cancelled/);
  });

  it('rolls back to an earlier succeeded revision as a new revision, and refuses one that did not succeed', async () => {
    const { serviceId, rolloutId: first } = await newService();
    await db().update(rollouts).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(rollouts.id, first));
    const { rolloutId: second } = await callerAs(editor.actor).service.update({ serviceId, spec: { image: 'example/iris:bad' } });
    await db().update(rollouts).set({ status: 'failed', error: 'ImagePullBackOff', finishedAt: new Date() }).where(eq(rollouts.id, second!));
    await expect(callerAs(editor.actor).rollout.rollback({ serviceId, toRolloutId: second! })).rejects.toThrow(/did not succeed/);
    const { rolloutId } = await callerAs(editor.actor).rollout.rollback({ serviceId, toRolloutId: first, reason: 'bad image' });
    expect(await callerAs(editor.actor).rollout.get({ rolloutId })).toMatchObject({ revision: 3, kind: 'rollback', rollbackToRolloutId: first, reason: 'bad image' });
    expect((await callerAs(editor.actor).service.get({ serviceId })).spec.image).toBe('example/iris:1');
  });

  it('deletes through a delete rollout and refuses changes while the service is being deleted', async () => {
    const { serviceId } = await newService();
    const { rolloutId } = await callerAs(editor.actor).service.delete({ serviceId, reason: 'retired' });
    expect(await rolloutRow(rolloutId)).toMatchObject({ kind: 'delete', status: 'queued' });
    expect((await callerAs(editor.actor).service.get({ serviceId })).status).toBe('deleting');
    await expect(callerAs(editor.actor).service.update({ serviceId, spec: { replicas: 2 } })).rejects.toThrow(/being deleted/);
  });

  it('keeps services of other projects out of reach', async () => {
    const { serviceId } = await newService();
    const outsider = await makeUser('svc-outsider');
    await makeProject(outsider, 'svc-other');
    await expect(callerAs(outsider.actor).service.get({ serviceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherProject = await makeProject(outsider, 'svc-other2');
    const foreignCluster = await makeCluster(otherProject);
    await expect(callerAs(editor.actor).service.create({ applicationId, clusterId: foreignCluster, level: 'beta', spec: { image: 'x' } })).rejects.toThrow(/cluster was not found/);
  });
});
