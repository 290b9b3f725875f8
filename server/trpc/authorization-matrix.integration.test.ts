import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollouts } from '../../db/schema/rollouts.ts';
import { services } from '../../db/schema/services.ts';
import { discardModels, discardQueuedRollouts, makeService } from '../../test/deploy-fixtures.ts';
import { updateService } from '../domain/services/update.ts';
import { closeQueue } from '../jobs/queue.ts';
import type { Role } from '../../db/schema/common.ts';
import type { Actor } from '../auth/actor.ts';
import { addMember, callerAs, makeProject, makeToken, makeUser, outcome, unique, type TestUser } from '../../test/fixtures.ts';
import { db } from '../../db/client.ts';
import { clusters } from '../../db/schema/clusters.ts';
import { modelCopies } from '../../db/schema/models.ts';
import { makeModel } from '../../test/model-fixtures.ts';
import { startKubeSim, type KubeSim } from '../../tools/kube-sim/src/index.ts';
import { createApplication } from '../domain/applications/create.ts';
import { createCluster } from '../domain/clusters/create.ts';
import { modelUploadAs } from '../http/model-upload.ts';
import { setWeights } from '../domain/routing/set-weights.ts';
import { createPolicy } from '../domain/promotions/policy-write.ts';
import { setApprover } from '../domain/projects/approvers.ts';
import { promotionPins, promotionRuns } from '../../db/schema/promotions.ts';
import { appRouter } from './root.ts';

// Every procedure of the root router, called as each kind of caller, must be allowed or denied as
// declared here. A procedure without a row fails the test: new procedures must join the matrix.

type Access =
  | { kind: 'authed' } // anyone signed in, or any valid token
  | { kind: 'users' } // signed-in people only; tokens are refused
  | { kind: 'project'; min: Role; usersOnly?: boolean } // members of the input's project with at least `min`
  | { kind: 'approver' }; // people of the input's project with the approver flag, whatever their role; never tokens

type Fixture = {
  projectId: number;
  admin: TestUser;
  /** A fresh token of the project, for procedures that consume one. */
  freshTokenId: () => Promise<number>;
  /** A fresh member of the project, for procedures that change or remove one. */
  freshMember: () => Promise<TestUser>;
  /** A kube-sim's kubeconfig, which verifies. */
  kubeconfig: string;
  clusterId: number;
  freshClusterId: () => Promise<number>;
  applicationId: number;
  freshApplicationId: () => Promise<number>;
  /** A fresh service with a queued create rollout, for procedures that change or delete one. */
  freshService: () => Promise<{ serviceId: number; rolloutId: number }>;
  /** A fresh service whose first rollout succeeded and whose spec changed since: it can roll back. */
  rollbackable: () => Promise<{ serviceId: number; toRolloutId: number }>;
  /** A fresh model of the application (uploaded through the domain). */
  freshModel: () => Promise<number>;
  /** A fresh model whose copy to the fixture's cluster failed: it can be retried. */
  failedCopy: () => Promise<{ modelId: number; clusterId: number }>;
  /** A fresh application with two services at production on a cluster with a traffic router, and weights for them. */
  routedLevel: () => Promise<{ applicationId: number; level: 'production'; weights: { serviceId: number; weight: number }[] }>;
  /** A fresh promotion policy between two fresh services of the fixture's application. */
  freshPolicy: () => Promise<{ policyId: number; sourceServiceId: number; targetServiceId: number }>;
  /** A fresh run waiting for two approvals, so one approval leaves it waiting. */
  awaitingRun: () => Promise<number>;
};

type Row = { access: Access; input: (f: Fixture) => unknown };

const matrix: Record<string, Row> = {
  'user.me': { access: { kind: 'authed' }, input: () => ({}) },
  'project.list': { access: { kind: 'authed' }, input: () => ({}) },
  'project.create': { access: { kind: 'users' }, input: () => ({ name: unique('matrix') }) },
  'project.get': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'project.members': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'project.setMember': {
    access: { kind: 'project', min: 'admin' },
    input: async (f) => ({ projectId: f.projectId, email: (await makeUser('added')).email, role: 'viewer' }),
  },
  'project.removeMember': {
    access: { kind: 'project', min: 'admin' },
    input: async (f) => ({ projectId: f.projectId, email: (await f.freshMember()).email }),
  },
  'token.create': { access: { kind: 'project', min: 'admin', usersOnly: true }, input: (f) => ({ projectId: f.projectId, name: unique('t'), role: 'viewer' }) },
  'token.list': { access: { kind: 'project', min: 'admin' }, input: (f) => ({ projectId: f.projectId }) },
  'token.revoke': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ tokenId: await f.freshTokenId() }) },
  'audit.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'cluster.create': {
    access: { kind: 'project', min: 'admin' },
    input: (f) => ({ projectId: f.projectId, name: unique('c'), dnsName: 'models.example.com', kubeconfig: f.kubeconfig }),
  },
  'cluster.inspectKubeconfig': { access: { kind: 'project', min: 'admin' }, input: (f) => ({ projectId: f.projectId, kubeconfig: f.kubeconfig }) },
  'cluster.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'cluster.get': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ clusterId: f.clusterId }) },
  'cluster.update': { access: { kind: 'project', min: 'admin' }, input: (f) => ({ clusterId: f.clusterId, description: unique('d') }) },
  'cluster.check': { access: { kind: 'project', min: 'editor' }, input: (f) => ({ clusterId: f.clusterId }) },
  'cluster.delete': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ clusterId: await f.freshClusterId() }) },
  'application.create': { access: { kind: 'project', min: 'editor' }, input: (f) => ({ projectId: f.projectId, name: unique('app') }) },
  'application.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'application.get': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'application.update': { access: { kind: 'project', min: 'editor' }, input: (f) => ({ applicationId: f.applicationId, description: unique('d') }) },
  'application.delete': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ applicationId: await f.freshApplicationId() }) },
  'audit.actions': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ projectId: f.projectId }) },
  'service.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'service.get': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId }) },
  'service.logs': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId }) },
  'service.changes': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'service.create': {
    access: { kind: 'project', min: 'editor' },
    input: (f) => ({ applicationId: f.applicationId, clusterId: f.clusterId, level: 'beta', spec: { image: 'example/matrix:1' } }),
  },
  'service.update': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId, spec: { replicas: 2 } }) },
  'service.switchModel': {
    access: { kind: 'project', min: 'editor' },
    input: async (f) => ({ serviceId: (await f.freshService()).serviceId, modelId: await f.freshModel() }),
  },
  'service.restart': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId, memo: 'matrix' }) },
  'service.delete': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId }) },
  'rollout.list': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ serviceId: (await f.freshService()).serviceId }) },
  'rollout.get': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ rolloutId: (await f.freshService()).rolloutId }) },
  'rollout.diff': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ rolloutId: (await f.freshService()).rolloutId }) },
  'rollout.cancel': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ rolloutId: (await f.freshService()).rolloutId }) },
  'rollout.rollback': { access: { kind: 'project', min: 'editor' }, input: (f) => f.rollbackable() },
  'model.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'model.get': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ modelId: await f.freshModel() }) },
  'model.copies': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ modelId: await f.freshModel() }) },
  'model.update': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ modelId: await f.freshModel(), description: unique('d') }) },
  'model.retryCopy': { access: { kind: 'project', min: 'editor' }, input: (f) => f.failedCopy() },
  'model.delete': { access: { kind: 'project', min: 'editor' }, input: async (f) => ({ modelId: await f.freshModel() }) },
  'project.setApprover': {
    access: { kind: 'project', min: 'admin' },
    input: async (f) => ({ projectId: f.projectId, email: (await f.freshMember()).email, approver: true }),
  },
  'promotion.list': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'promotion.get': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId }) },
  'promotion.create': {
    access: { kind: 'project', min: 'admin' },
    input: async (f) => {
      const { sourceServiceId, targetServiceId } = await f.freshPolicy();
      return { applicationId: f.applicationId, name: unique('p'), sourceServiceId, targetServiceId, schedule: '0 9 * * 1-5', timeZone: 'Europe/Berlin' };
    },
  },
  'promotion.update': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId, name: unique('renamed') }) },
  'promotion.pause': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId }) },
  'promotion.delete': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId }) },
  'promotion.runs': { access: { kind: 'project', min: 'viewer' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId }) },
  'promotion.runNow': { access: { kind: 'project', min: 'admin' }, input: async (f) => ({ policyId: (await f.freshPolicy()).policyId }) },
  'promotion.approve': { access: { kind: 'approver' }, input: async (f) => ({ runId: await f.awaitingRun() }) },
  'promotion.reject': { access: { kind: 'approver' }, input: async (f) => ({ runId: await f.awaitingRun() }) },
  'promotion.pins': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId }) },
  'promotion.unpin': {
    access: { kind: 'project', min: 'admin' },
    input: async (f) => {
      const { targetServiceId } = await f.freshPolicy();
      await db().insert(promotionPins).values({ serviceId: targetServiceId, modelId: 1, pinnedByLabel: 'matrix' });
      return { serviceId: targetServiceId, modelId: 1 };
    },
  },
  'routing.get': { access: { kind: 'project', min: 'viewer' }, input: (f) => ({ applicationId: f.applicationId, level: 'production' }) },
  'routing.setWeights': { access: { kind: 'project', min: 'editor' }, input: (f) => f.routedLevel() },
  'routing.rollback': {
    access: { kind: 'project', min: 'editor' },
    input: async (f) => {
      const level = await f.routedLevel();
      const { rolloutId } = await setWeights(db(), f.admin.actor, f.projectId, level);
      await db().update(rollouts).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(rollouts.id, rolloutId));
      await setWeights(db(), f.admin.actor, f.projectId, { ...level, weights: level.weights.map((w) => ({ ...w, weight: 100 - w.weight })) });
      return { applicationId: level.applicationId, level: level.level, toRolloutId: rolloutId };
    },
  },
};

type Caller = { name: string; actor: Actor | null; role: Role | null; isToken: boolean; member: boolean; approver?: boolean };

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

function expected(access: Access, caller: Caller): 'OK' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (!caller.actor) return 'UNAUTHORIZED';
  switch (access.kind) {
    case 'authed':
      return 'OK';
    case 'users':
      return caller.isToken ? 'FORBIDDEN' : 'OK';
    case 'project':
      // Outsiders cannot tell another project's objects from missing ones.
      if (!caller.member || !caller.role) return 'NOT_FOUND';
      if (rank[caller.role] < rank[access.min]) return 'FORBIDDEN';
      return access.usersOnly && caller.isToken ? 'FORBIDDEN' : 'OK';
    case 'approver':
      if (!caller.member) return 'NOT_FOUND';
      return caller.approver && !caller.isToken ? 'OK' : 'FORBIDDEN';
  }
}

function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  if (typeof target !== 'function') throw new Error(`no procedure at ${path}`);
  return target as (input: unknown) => Promise<unknown>;
}

describe('authorization matrix', () => {
  const callers: Caller[] = [];
  let fixture: Fixture;
  let sim: KubeSim;
  const routedServiceIds: number[] = [];

  afterAll(async () => {
    // Rollouts queued here have no worker to run them; a later test's worker must not find them.
    const made = await db().select({ id: services.id }).from(services).where(eq(services.applicationId, fixture.applicationId));
    await discardQueuedRollouts(made.map((row) => row.id));
    await discardModels(fixture.applicationId);
    await discardQueuedRollouts([...made.map((row) => row.id), ...routedServiceIds]);
    await closeQueue();
    // Its clusters would outlive the sim; the health job would find them unreachable forever.
    await db().delete(clusters).where(eq(clusters.projectId, fixture.projectId));
    await sim.close();
  });

  beforeAll(async () => {
    sim = await startKubeSim({ tls: true });
    const admin = await makeUser('matrix-admin');
    const projectId = await makeProject(admin, 'matrix');
    const viewer = await addMember(projectId, admin, 'viewer');
    const editor = await addMember(projectId, admin, 'editor');
    const approver = await addMember(projectId, admin, 'viewer', 'approver');
    await setApprover(db(), admin.actor, { projectId, email: approver.email, approver: true });
    const outsider = await makeUser('outsider');
    await makeProject(outsider, 'other');
    const freshClusterId = async () =>
      (await createCluster(db(), admin.actor, { projectId, name: unique('c'), dnsName: 'models.example.com', kubeconfig: sim.kubeconfig })).clusterId;
    const freshApplicationId = async () => (await createApplication(db(), admin.actor, { projectId, name: unique('app') })).applicationId;
    const applicationId = await freshApplicationId();
    const clusterId = await freshClusterId();
    const routerClusterId = (
      await createCluster(db(), admin.actor, {
        projectId,
        name: unique('routed'),
        dnsName: 'models.example.com',
        kubeconfig: sim.kubeconfig,
        trafficRouter: 'gateway-api',
        gatewayName: 'models',
        gatewayNamespace: 'gateways',
      })
    ).clusterId;
    const freshService = () => makeService(admin.actor, projectId, { applicationId, clusterId });
    fixture = {
      projectId,
      admin,
      freshTokenId: async () => (await makeToken(projectId, admin, 'viewer')).tokenId,
      freshMember: () => addMember(projectId, admin, 'viewer', 'removable'),
      kubeconfig: sim.kubeconfig,
      clusterId,
      freshClusterId,
      applicationId,
      freshApplicationId,
      freshService,
      rollbackable: async () => {
        const { serviceId, rolloutId } = await freshService();
        await db().update(rollouts).set({ status: 'succeeded', finishedAt: new Date() }).where(eq(rollouts.id, rolloutId));
        await updateService(db(), admin.actor, projectId, { serviceId, spec: { replicas: 3 } });
        return { serviceId, toRolloutId: rolloutId };
      },
      freshModel: () => makeModel(admin.actor, projectId, applicationId),
      failedCopy: async () => {
        const modelId = await makeModel(admin.actor, projectId, applicationId);
        await db()
          .insert(modelCopies)
          .values({ modelId, clusterId, status: 'failed', error: 'matrix' })
          .onDuplicateKeyUpdate({ set: { status: 'failed', error: 'matrix' } });
        return { modelId, clusterId };
      },
      freshPolicy: async () => {
        const source = await freshService();
        const target = await freshService();
        const { policyId } = await createPolicy(db(), admin.actor, projectId, {
          applicationId,
          name: unique('policy'),
          sourceServiceId: source.serviceId,
          targetServiceId: target.serviceId,
          schedule: '0 9 * * 1-5',
          timeZone: 'Europe/Berlin',
          requiredApprovals: 2,
        });
        return { policyId, sourceServiceId: source.serviceId, targetServiceId: target.serviceId };
      },
      awaitingRun: async () => {
        const { policyId } = await fixture.freshPolicy();
        const [run] = await db().insert(promotionRuns).values({ policyId, tickAt: new Date(), status: 'awaiting_approval', reason: 'matrix', modelId: null }).$returningId();
        return run!.id;
      },
      routedLevel: async () => {
        const app = await freshApplicationId();
        const made = [await makeService(admin.actor, projectId, { applicationId: app, clusterId: routerClusterId }, undefined, 'production')];
        made.push(await makeService(admin.actor, projectId, { applicationId: app, clusterId: routerClusterId }, undefined, 'production'));
        routedServiceIds.push(...made.map((m) => m.serviceId));
        return { applicationId: app, level: 'production' as const, weights: made.map((m, i) => ({ serviceId: m.serviceId, weight: i === 0 ? 70 : 30 })) };
      },
    };
    callers.push(
      { name: 'anonymous', actor: null, role: null, isToken: false, member: false },
      { name: 'viewer', actor: viewer.actor, role: 'viewer', isToken: false, member: true },
      { name: 'editor', actor: editor.actor, role: 'editor', isToken: false, member: true },
      { name: 'admin', actor: admin.actor, role: 'admin', isToken: false, member: true },
      { name: 'approver (a viewer with the approver right)', actor: approver.actor, role: 'viewer', isToken: false, member: true, approver: true },
      { name: 'admin of another project', actor: outsider.actor, role: null, isToken: false, member: false },
    );
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const { actor } = await makeToken(projectId, admin, role);
      callers.push({ name: `${role} token`, actor, role, isToken: true, member: true });
    }
    const foreign = await makeToken(await makeProject(outsider, 'foreign'), outsider, 'admin');
    callers.push({ name: 'admin token of another project', actor: foreign.actor, role: null, isToken: true, member: false });
  });

  const procedures = Object.keys(appRouter._def.procedures).sort();

  it('declares an expectation for every procedure of the root router', () => {
    expect(procedures.filter((path) => !(path in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((path) => !procedures.includes(path))).toEqual([]);
  });

  for (const path of procedures) {
    it(`enforces ${path}`, async () => {
      const row = matrix[path];
      if (!row) throw new Error(`${path} has no row in the authorization matrix`);
      const results: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const caller of callers) {
        const input = await row.input(fixture);
        results[caller.name] = await outcome(procedureAt(callerAs(caller.actor), path)(input));
        wanted[caller.name] = expected(row.access, caller);
      }
      expect(results).toEqual(wanted);
    });
  }

  // The upload route is not a procedure, but it answers to the same rules (editor and up).
  it('enforces POST /api/uploads/models', async () => {
    const results: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const caller of callers) {
      const url = `http://drucker.test/api/uploads/models?applicationId=${fixture.applicationId}&name=${unique('matrix-model')}`;
      const response = await modelUploadAs(caller.actor, new Request(url, { method: 'POST', body: 'model bytes' }));
      results[caller.name] = response.status;
      wanted[caller.name] = { OK: 201, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }[expected({ kind: 'project', min: 'editor' }, caller)];
    }
    expect(results).toEqual(wanted);
  });
});
