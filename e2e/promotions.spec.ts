import { expect, test, type Page } from '@playwright/test';
import type { KubeSim } from '../tools/kube-sim/src/index.ts';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { users } from './users.ts';

// Two journeys on one application: a scheduled promotion from staging to production that waits
// for an approver, and weighted A/B traffic between three production services, set to 70/20/10
// and rolled back. kube-sim (TLS) is the cluster; the suite's worker (playwright.config.ts) runs the rollouts.

applyTestEnv();

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });

let sim: KubeSim;
let projectId: number;
let applicationId: number;
const ids: { staging: number; production: number[]; candidateModel: number } = { staging: 0, production: [], candidateModel: 0 };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const { startKubeSim } = await import('../tools/kube-sim/src/index.ts');
  const { db } = await import('../db/client.ts');
  const { eq } = await import('drizzle-orm');
  const { clusters } = await import('../db/schema/clusters.ts');
  const { rollouts } = await import('../db/schema/rollouts.ts');
  const { createProject } = await import('../server/domain/projects/projects.ts');
  const { setApprover } = await import('../server/domain/projects/approvers.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  const { createApplication } = await import('../server/domain/applications/create.ts');
  const { createService } = await import('../server/domain/services/create.ts');
  const { registerSimCluster } = await import('../test/kube-sim.ts');
  const { eventually } = await import('../test/wait.ts');

  sim = await startKubeSim({ port: 0, tls: true, speed: 50 });
  const admin = await findUserByEmail(db(), users.admin().email);
  if (!admin) throw new Error('the e2e admin is missing');
  const actor = { type: 'user' as const, userId: admin.id, label: admin.email };
  // beforeAll runs again in a new worker after a failure: a fresh project each time.
  ({ projectId } = await createProject(db(), actor, { name: `promotions-${users.run()}-${Math.random().toString(36).slice(2, 6)}` }));
  await setApprover(db(), actor, { projectId, email: admin.email, approver: true });
  const clusterId = await registerSimCluster(projectId, sim, { dnsName: 'shop.example.test' });
  await db().update(clusters).set({ trafficRouter: 'gateway-api', gatewayName: 'public', gatewayNamespace: 'gateways' }).where(eq(clusters.id, clusterId));
  ({ applicationId } = await createApplication(db(), actor, { projectId, name: 'shop' }));
  const { makeModel } = await import('../test/model-fixtures.ts');
  const model = (version: string) => makeModel(actor, projectId, applicationId, { name: 'ranker', version });
  const current = await model('v1');
  ids.candidateModel = await model('v2');
  const rolloutIds: number[] = [];
  for (const name of ['variant A', 'variant B', 'variant C']) {
    const made = await createService(db(), actor, projectId, { applicationId, clusterId, level: 'production', displayName: name, modelId: current, spec: { image: 'example/ranker:1', port: 8080 } });
    ids.production.push(made.serviceId);
    rolloutIds.push(made.rolloutId);
  }
  const staging = await createService(db(), actor, projectId, { applicationId, clusterId, level: 'staging', displayName: 'staging', modelId: ids.candidateModel, spec: { image: 'example/ranker:1', port: 8080 } });
  ids.staging = staging.serviceId;
  rolloutIds.push(staging.rolloutId);
  await eventually('the services to be rolled out', async () => {
    const rows = await Promise.all(rolloutIds.map(async (id) => (await db().select({ status: rollouts.status }).from(rollouts).where(eq(rollouts.id, id)))[0]?.status));
    return rows.every((s) => s === 'succeeded');
  }, 120_000);
});

test.afterAll(async () => {
  await sim?.close();
});

test('an admin creates a policy, sees its next run, approves the waiting promotion and the target rolls out', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/projects/${projectId}/applications/${applicationId}`);
  await page.getByRole('navigation', { name: 'Application sections' }).getByRole('link', { name: 'Promotions' }).click();
  await expect(page.getByRole('heading', { name: 'No promotion policies yet' })).toBeVisible();

  await test.step('create a policy and see the next run in words', async () => {
    const form = page.getByRole('form', { name: 'New promotion policy' });
    await form.getByLabel('Name', { exact: true }).fill('staging to production');
    await form.getByLabel('Source', { exact: true }).click();
    await page.getByRole('option', { name: 'staging (staging)' }).click();
    await form.getByLabel('Target', { exact: true }).click();
    await page.getByRole('option', { name: 'variant A (production)' }).click();
    await form.getByLabel('Schedule (cron)', { exact: true }).fill('0 9 * * 1-5');
    await form.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
    await form.getByLabel('Soak (minutes on the source)', { exact: true }).fill('0');
    await form.getByLabel('Approvals needed', { exact: true }).fill('1');
    await screen(page, 'promotions-01-new-policy');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await expect(toast(page, 'Policy staging to production created')).toBeVisible();
    const card = page.getByRole('region', { name: 'Policy staging to production' }).or(page.locator('[aria-label="Policy staging to production"]'));
    await expect(card).toContainText('every weekday at 09:00 Europe/Berlin');
    await expect(card).toContainText(/next run in \d+ (min|hours?|days?)/);
    await expect(card.getByRole('list', { name: 'Gates' })).toContainText('1 approval');
  });

  await test.step('run now: the promotion waits for an approver', async () => {
    const card = page.locator('[aria-label="Policy staging to production"]');
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(toast(page, /awaiting approval — ranker v2 passed its gates; waiting for 1 more approval/)).toBeVisible();
    const run = card.getByRole('list', { name: 'Runs' }).getByRole('listitem').first();
    await expect(run).toContainText('awaiting approval');
    await expect(run).toContainText('ranker v2');
    await screen(page, 'promotions-02-awaiting-approval');
    await run.getByRole('button', { name: 'Approve' }).click();
    await expect(toast(page, /approved: promoting now/)).toBeVisible();
    await expect(run).toContainText('promoted');
    await expect(run).toContainText(`approved by ${users.admin().email}`);
  });

  await test.step('the target rolls out with the promoted model', async () => {
    const { db } = await import('../db/client.ts');
    const { eq, and } = await import('drizzle-orm');
    const { rollouts } = await import('../db/schema/rollouts.ts');
    const { eventually } = await import('../test/wait.ts');
    const done = await eventually('the promotion rollout', async () => {
      const [row] = await db().select().from(rollouts).where(and(eq(rollouts.serviceId, ids.production[0]!), eq(rollouts.kind, 'promotion')));
      return row?.status === 'succeeded' && row;
    }, 60_000);
    expect(done.modelId).toBe(ids.candidateModel);
    await page.reload();
    const run = page.locator('[aria-label="Policy staging to production"]').getByRole('list', { name: 'Runs' }).getByRole('listitem').first();
    await expect(run).toContainText(`rollout ${done.id}`);
    await screen(page, 'promotions-03-promoted');
  });
});

test('an editor sets 70/20/10 on three services with sliders that add up to 100, then rolls it back', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/projects/${projectId}/applications/${applicationId}/traffic`);
  const production = page.locator('[aria-label="production traffic"]');
  await expect(production).toContainText('weighted by a Gateway API HTTPRoute');
  await expect(page.locator('[aria-label="staging traffic"]')).toBeVisible();

  const percent = (name: string) => production.getByLabel(`Percent for ${name}`);
  const history = production.getByRole('listitem');

  await test.step('70, then 20, leaves 10; the result shows before saving', async () => {
    await expect(percent('variant A')).toHaveValue('34');
    await percent('variant A').fill('70');
    await expect(percent('variant C')).toHaveValue('0');
    await percent('variant B').fill('20');
    await expect(percent('variant C')).toHaveValue('10');
    await expect(production).toContainText('Total 100% · variant A 70% · variant B 20% · variant C 10%');
    await screen(page, 'traffic-01-sliders');
    await production.getByLabel('Reason for the production change').fill('start the A/B/C test');
    await production.getByRole('button', { name: 'Save weights' }).click();
    await expect(toast(page, /Traffic change started/)).toBeVisible();
    await expect(history.first()).toContainText('succeeded', { timeout: 30_000 });
    await expect(history.first()).toContainText('variant A 70% · variant B 20% · variant C 10%');
  });

  await test.step('a second split, then back to 70/20/10', async () => {
    await percent('variant A').fill('50');
    await percent('variant B').fill('50');
    await expect(percent('variant C')).toHaveValue('0');
    await production.getByRole('button', { name: 'Save weights' }).click();
    await expect(history.first()).toContainText('variant A 50% · variant B 50% · variant C 0%');
    await expect(history.first()).toContainText('succeeded', { timeout: 30_000 });
    await history.nth(1).getByRole('button', { name: 'Roll back to this' }).click();
    await expect(toast(page, /Rolling the production traffic back/)).toBeVisible();
    await expect(history.first()).toContainText('rollback');
    await expect(history.first()).toContainText('succeeded', { timeout: 30_000 });
    await expect(history.first()).toContainText('variant A 70% · variant B 20% · variant C 10%');
    await expect(percent('variant A')).toHaveValue('70');
    await screen(page, 'traffic-02-rolled-back');
  });

  await test.step('the cluster has the HTTPRoute with those weights', async () => {
    const { simAdmin } = await import('../test/kube-sim.ts');
    const route = (await simAdmin(sim, '/apis/gateway.networking.k8s.io/v1/namespaces/production/httproutes/shop-production', undefined, 'GET')) as {
      spec: { rules: { backendRefs: { weight: number }[] }[] };
    };
    expect(route.spec.rules[0]?.backendRefs.map((b) => b.weight)).toEqual([70, 20, 10]);
  });
});
