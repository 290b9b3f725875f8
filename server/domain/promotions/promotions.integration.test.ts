import type { Deployment } from 'kubernetes-types/apps/v1';
import { eq, inArray } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { closeQueue } from '../../jobs/queue.ts';
import { closePublisher } from '../../live/publish.ts';
import { getService } from '../services/queries.ts';
import { discardQueuedRollouts, makeApplication, rolloutEnded } from '../../../test/deploy-fixtures.ts';
import { addMember, callerAs, errorOf, makeProject, makeToken, makeUser, unique, type TestUser } from '../../../test/fixtures.ts';
import { registerSimCluster, simAdmin, startTestKubeSim } from '../../../test/kube-sim.ts';
import { makeModel } from '../../../test/model-fixtures.ts';
import { startTestWorker } from '../../../test/worker.ts';
import type { KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { promotionTick } from './tick.ts';

// Promotions end to end: policies through the API, ticks as the crontab task runs them, the
// promotion rollout through the real worker onto kube-sim, and the runs a person reads.

let sim: KubeSim;
let worker: Runner;
let admin: TestUser;
let projectId: number;
let clusterId: number;
const serviceIds: number[] = [];
const policyIds: number[] = [];
const api = (user: TestUser = admin) => callerAs(user.actor);

const ended = (rolloutId: number, timeoutMs = 60_000) => rolloutEnded(projectId, rolloutId, timeoutMs);

/** A real upload (staging storage, sha-256), so the rollouts' copies to the cluster verify. */
const model = (applicationId: number, version: string) => makeModel(admin.actor, projectId, applicationId, { name: 'iris', version });

/** An application with a staging source running `candidate` and a production target running `current`, both rolled out. */
async function pair(options: { sourceImage?: string; progressDeadlineSeconds?: number } = {}) {
  const applicationId = await makeApplication(projectId, unique('app').slice(0, 12));
  const current = await model(applicationId, 'v1');
  const candidate = await model(applicationId, 'v2');
  const target = await api().service.create({ applicationId, clusterId, level: 'production', modelId: current, spec: { image: 'example/iris:1' } });
  const source = await api().service.create({
    applicationId,
    clusterId,
    level: 'staging',
    modelId: candidate,
    spec: { image: options.sourceImage ?? 'example/iris:1', progressDeadlineSeconds: options.progressDeadlineSeconds ?? 600 },
  });
  serviceIds.push(target.serviceId, source.serviceId);
  await ended(target.rolloutId);
  const sourceRollout = await ended(source.rolloutId);
  return { applicationId, current, candidate, target: target.serviceId, source: source.serviceId, sourceRolloutId: source.rolloutId, sourceRollout };
}

/** The source's rollout finished `minutes` ago (the soak is measured from it). */
async function soaked(rolloutId: number, minutes: number) {
  await db().update(rollouts).set({ finishedAt: new Date(Date.now() - minutes * 60_000) }).where(eq(rollouts.id, rolloutId));
}

async function policy(p: Awaited<ReturnType<typeof pair>>, extra: Record<string, unknown> = {}) {
  const { policyId } = await api().promotion.create({
    applicationId: p.applicationId,
    name: unique('to-prod'),
    sourceServiceId: p.source,
    targetServiceId: p.target,
    schedule: '*/5 * * * *',
    timeZone: 'Europe/Berlin',
    minMinutesRunning: 30,
    ...extra,
  });
  policyIds.push(policyId);
  return policyId;
}

/** Makes the policy due now (its scheduled time an hour ago) and ticks; returns this policy's run. */
async function tick(policyId: number) {
  const [row] = await db().select({ nextRunAt: promotionPolicies.nextRunAt }).from(promotionPolicies).where(eq(promotionPolicies.id, policyId));
  if (!row?.nextRunAt || row.nextRunAt > new Date()) {
    await db().update(promotionPolicies).set({ nextRunAt: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000) }).where(eq(promotionPolicies.id, policyId));
  }
  const results = await promotionTick(db(), new Date());
  const mine = results.find((r) => r.policyId === policyId);
  if (!mine || 'error' in mine.run || 'duplicate' in mine.run) throw new Error(`no run recorded: ${JSON.stringify(mine)}`);
  return mine.run;
}

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  admin = await makeUser('promo-admin');
  projectId = await makeProject(admin, 'promotions');
  clusterId = await registerSimCluster(projectId, sim, { dnsName: 'ml.example.test' });
  // Only the policies made here tick in this file (others' sims are gone).
  await db().update(promotionPolicies).set({ enabled: false }).where(eq(promotionPolicies.enabled, true));
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
  if (policyIds.length) await db().update(promotionPolicies).set({ enabled: false }).where(inArray(promotionPolicies.id, policyIds));
  await discardQueuedRollouts(serviceIds);
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('promotion policies', () => {
  it('promotes a soaked, healthy model from staging to production as a promotion rollout', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 45);
    const policyId = await policy(p);
    const shown = await api().promotion.get({ policyId });
    expect(shown.scheduleText).toBe('every 5 minutes');
    expect(new Date(shown.nextRunAt!).getTime()).toBeGreaterThan(Date.now());

    const run = await tick(policyId);
    expect(run).toMatchObject({ status: 'promoted', reason: 'iris v2 soaked 45 minutes on the source' });
    const rollout = await ended(run.rolloutId!);
    expect(rollout).toMatchObject({ status: 'succeeded', kind: 'promotion', modelId: p.candidate, actor: { type: 'scheduler' } });
    const target = await getService(db(), projectId, p.target);
    expect(target.currentModel?.id).toBe(p.candidate);
    const deployment = (await simAdmin(sim, `/apis/apps/v1/namespaces/production/deployments/${target.k8sName}`, undefined, 'GET')) as Deployment;
    const env = deployment.spec?.template.spec?.containers[0]?.env ?? [];
    expect(env.find((e) => e.name === 'DRUCKER_SERVICE_MODEL_FILE')?.value).toMatch(/\/iris-v2\/model\.bin$/);

    // The next tick finds nothing new; the history says so.
    expect(await tick(policyId)).toMatchObject({ status: 'skipped', reason: 'nothing new: the target already runs iris v2' });
    const runs = await api().promotion.runs({ policyId });
    expect(runs.map((r) => r.status)).toEqual(['skipped', 'promoted']);
    expect(runs[1]).toMatchObject({ rolloutId: run.rolloutId, model: { name: 'iris', version: 'v2' }, trigger: 'schedule' });
  });

  it('skips with its reason: soak not met, outside the window, source unhealthy', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 10);
    const soakPolicy = await policy(p);
    expect(await tick(soakPolicy)).toMatchObject({ status: 'skipped', reason: 'soak not met: iris v2 has run on the source for 10 of 30 minutes' });

    const now = new Date();
    const berlinHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(now));
    const closed = { days: [0, 1, 2, 3, 4, 5, 6], startHour: (berlinHour + 2) % 24, endHour: (berlinHour + 3) % 24 || 24 };
    const windowPolicy = await policy(p, { allowedWindow: closed, minMinutesRunning: 0 });
    expect((await tick(windowPolicy)).reason).toMatch(/^outside the allowed window \(every day, \d\d:00–\d\d:00 Europe\/Berlin\)$/);

    // The source's last rollout failed (a bad image after the candidate had run fine).
    const broken = await api().service.update({ serviceId: p.source, spec: { image: 'example/iris:bad-pull-9', progressDeadlineSeconds: 30 } });
    expect((await ended(broken.rolloutId!)).status).toBe('failed');
    const healthPolicy = await policy(p, { minMinutesRunning: 0 });
    expect(await tick(healthPolicy)).toMatchObject({ status: 'skipped', reason: "source unhealthy: the source's last rollout (revision 2) failed" });
  });

  it('waits for approvals, counts each approver once, refuses others, then promotes', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 60);
    const policyId = await policy(p, { requiredApprovals: 2 });
    const first = await addMember(projectId, admin, 'viewer', 'approver-a');
    const second = await addMember(projectId, admin, 'editor', 'approver-b');
    const bystander = await addMember(projectId, admin, 'editor', 'bystander');
    await api().project.setApprover({ projectId, email: first.email, approver: true });
    await api().project.setApprover({ projectId, email: second.email, approver: true });

    const run = await tick(policyId);
    expect(run).toMatchObject({ status: 'awaiting_approval', reason: 'iris v2 passed its gates; waiting for 2 more approvals', rolloutId: null });
    // While it waits, later ticks do not ask again.
    expect((await tick(policyId)).reason).toBe(`run #${run.runId} is already waiting for approval of iris v2`);

    expect(await errorOf(api(bystander).promotion.approve({ runId: run.runId }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/approver right/) });
    const token = await makeToken(projectId, admin, 'admin');
    expect(await errorOf(callerAs(token.actor).promotion.approve({ runId: run.runId }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/tokens cannot approve/) });

    expect(await api(first).promotion.approve({ runId: run.runId })).toMatchObject({ status: 'awaiting_approval', approvals: 1, requiredApprovals: 2 });
    // The same person again, even twice at once, still counts once.
    const twice = await Promise.all([api(first).promotion.approve({ runId: run.runId }), api(first).promotion.approve({ runId: run.runId })]);
    expect(twice.map((d) => d.approvals)).toEqual([1, 1]);
    const done = await api(second).promotion.approve({ runId: run.runId, comment: 'metrics look good' });
    expect(done).toMatchObject({ status: 'promoted', approvals: 2 });
    expect(await ended(done.rolloutId!)).toMatchObject({ status: 'succeeded', kind: 'promotion', actor: { type: 'user', label: second.email } });
    const [shown] = (await api().promotion.runs({ policyId })).filter((r) => r.id === run.runId);
    expect(shown?.approvals.map((a) => a.email)).toEqual([first.email, second.email]);
    expect(await errorOf(api(first).promotion.reject({ runId: run.runId }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('never re-promotes a model rolled back on the target until it is unpinned', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 60);
    const policyId = await policy(p);
    const promoted = await tick(policyId);
    expect(await ended(promoted.rolloutId!)).toMatchObject({ status: 'succeeded' });
    const [first] = await db().select({ id: rollouts.id }).from(rollouts).where(eq(rollouts.serviceId, p.target)).orderBy(rollouts.id).limit(1);
    const back = await api().rollout.rollback({ serviceId: p.target, toRolloutId: first!.id, reason: 'v2 misbehaves in production' });
    expect(await ended(back.rolloutId)).toMatchObject({ status: 'succeeded' });
    expect(await api().promotion.pins({ applicationId: p.applicationId })).toEqual([
      expect.objectContaining({ serviceId: p.target, modelId: p.candidate, reason: 'v2 misbehaves in production', pinnedBy: admin.email }),
    ]);

    expect(await tick(policyId)).toMatchObject({ status: 'skipped', reason: 'iris v2 is pinned on the target (it was rolled back there); unpin it to promote it again' });
    expect(await tick(policyId)).toMatchObject({ status: 'skipped' });

    await api().promotion.unpin({ serviceId: p.target, modelId: p.candidate, reason: 'fixed upstream' });
    expect(await tick(policyId)).toMatchObject({ status: 'promoted' });
  });

  it('promotes once when two workers tick the same minute together', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 60);
    const policyId = await policy(p);
    const scheduled = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000);
    await db().update(promotionPolicies).set({ nextRunAt: scheduled }).where(eq(promotionPolicies.id, policyId));
    const results = await Promise.all([promotionTick(db(), new Date()), promotionTick(db(), new Date()), promotionTick(db(), new Date())]);
    const mine = results.flatMap((r) => r.filter((x) => x.policyId === policyId).map((x) => x.run));
    expect(mine.filter((r) => 'error' in r)).toEqual([]);
    expect(mine.filter((r) => 'status' in r && r.status === 'promoted')).toHaveLength(1);
    const runs = await db().select().from(promotionRuns).where(eq(promotionRuns.policyId, policyId));
    expect(runs.filter((r) => r.tickAt.getTime() === scheduled.getTime())).toHaveLength(1);
    const promotions = await db().select().from(rollouts).where(eq(rollouts.serviceId, p.target));
    expect(promotions.filter((r) => r.kind === 'promotion')).toHaveLength(1);
  });

  it('an emergency rollback cancels waiting promotions and is audited as such', async () => {
    const p = await pair();
    await soaked(p.sourceRolloutId, 60);
    const policyId = await policy(p, { requiredApprovals: 1 });
    const waiting = await tick(policyId);
    expect(waiting.status).toBe('awaiting_approval');
    await api().service.update({ serviceId: p.target, spec: { replicas: 2 } });
    const [first] = await db().select({ id: rollouts.id }).from(rollouts).where(eq(rollouts.serviceId, p.target)).orderBy(rollouts.id).limit(1);
    await api().rollout.rollback({ serviceId: p.target, toRolloutId: first!.id, reason: 'pager', emergency: true });
    const [run] = await db().select().from(promotionRuns).where(eq(promotionRuns.id, waiting.runId));
    expect(run).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/cancelled by an emergency rollback/) });
    const audit = await api().audit.list({ projectId });
    expect(audit.events.find((e) => e.action === 'rollout.emergencyRollback')?.summary).toMatch(/^EMERGENCY: rolled back .*: pager; 1 promotion waiting for approval cancelled$/);
  });

  it('keeps policy CRUD to admins with clear errors, and pausing stops the schedule', async () => {
    const p = await pair();
    const editor = await addMember(projectId, admin, 'editor');
    const base = { applicationId: p.applicationId, name: 'x', sourceServiceId: p.source, targetServiceId: p.target, schedule: '0 9 * * 1-5', timeZone: 'Europe/Berlin' };
    expect(await errorOf(api(editor).promotion.create(base))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await errorOf(api().promotion.create({ ...base, schedule: '0 25 * * *' }))).message).toMatch(/schedule: the schedule "0 25 \* \* \*" is not valid cron/);
    expect((await errorOf(api().promotion.create({ ...base, timeZone: 'Mars/Base' }))).message).toMatch(/timeZone: "Mars\/Base" is not a time zone/);
    expect((await errorOf(api().promotion.create({ ...base, targetServiceId: p.source }))).message).toMatch(/the target must be another service/);
    const policyId = await policy(p, { schedule: '0 9 * * 1-5', timeZone: 'Europe/Berlin' });
    expect((await api().promotion.get({ policyId })).scheduleText).toBe('every weekday at 09:00 Europe/Berlin');
    await api().promotion.pause({ policyId });
    expect(await api().promotion.get({ policyId })).toMatchObject({ enabled: false, nextRunAt: null });
    await api().promotion.pause({ policyId, paused: false });
    await api().promotion.update({ policyId, schedule: '30 6 * * *', timeZone: 'UTC' });
    expect(await api().promotion.get({ policyId })).toMatchObject({ enabled: true, scheduleText: 'every day at 06:30 UTC' });
    await api().promotion.delete({ policyId });
    expect((await api().promotion.list({ applicationId: p.applicationId })).map((x) => x.id)).not.toContain(policyId);
    const actions = (await api().audit.list({ projectId })).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['promotion.createPolicy', 'promotion.pausePolicy', 'promotion.resumePolicy', 'promotion.updatePolicy', 'promotion.deletePolicy']));
  });
});
