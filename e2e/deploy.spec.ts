import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KubeSim } from '../tools/kube-sim/src/index.ts';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { users } from './users.ts';

// The original's whole journey, in the browser: add a host (a cluster, by uploading its
// kubeconfig), add an application and a service, watch it go live, edit its CPU (revision 2),
// restart it with a memo, read the diff and roll back to revision 1, and find it all in the audit
// log. kube-sim runs here over TLS; the suite's worker (playwright.config.ts) runs the rollouts.

applyTestEnv();

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });

let sim: KubeSim;
let kubeconfigFile: string;

test.beforeAll(async () => {
  const { startKubeSim } = await import('../tools/kube-sim/src/index.ts');
  sim = await startKubeSim({ port: 0, tls: true });
  // Slow pods down a little so the progress bars are there to be seen.
  const { simAdmin } = await import('../test/kube-sim.ts');
  await simAdmin(sim, '/_sim/pods', { startSeconds: 4, readySeconds: 2 });
  const dir = path.resolve('test-results', `kubeconfigs-deploy-${users.run()}`);
  await mkdir(dir, { recursive: true });
  kubeconfigFile = path.join(dir, 'kube-sim.yaml');
  await writeFile(kubeconfigFile, sim.kubeconfig, { mode: 0o600 });
});

test.afterAll(async () => {
  await sim?.close();
});

async function newProject(name: string): Promise<number> {
  const { db } = await import('../db/client.ts');
  const { createProject } = await import('../server/domain/projects/projects.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  const admin = await findUserByEmail(db(), users.admin().email);
  if (!admin) throw new Error('the e2e admin is missing');
  const { projectId } = await createProject(db(), { type: 'user', userId: admin.id, label: admin.email }, { name });
  return projectId;
}

test('deploy a service, watch it go live, edit, restart and roll back', async ({ page }) => {
  // Several rollouts watched to the end on a loaded machine.
  test.setTimeout(420_000);
  const run = users.run();
  const projectId = await newProject(`deploy-${run}`);
  const clusterName = `sim-${run}`.slice(0, 40);
  const appName = `iris${run}`.slice(0, 30).toLowerCase();
  const serviceName = 'iris-dev-a';

  await test.step('add the cluster by uploading its kubeconfig', async () => {
    await page.goto(`/projects/${projectId}/clusters/new`);
    await page.getByLabel('Name', { exact: true }).fill(clusterName);
    await page.getByLabel('Upload kubeconfig file').setInputFiles(kubeconfigFile);
    await expect(page.getByLabel('Kubeconfig', { exact: true })).toHaveValue(new RegExp(sim.token));
    await page.getByLabel('DNS name').fill('models.example.com');
    await page.getByRole('button', { name: 'Verify and add cluster' }).click();
    await expect(toast(page, `Cluster ${clusterName} added and verified`)).toBeVisible({ timeout: 30_000 });
  });

  let applicationURL = '';
  await test.step('add an application; its page offers to add a service', async () => {
    await page.goto(`/projects/${projectId}/applications`);
    await page.getByRole('button', { name: 'Add application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add application' });
    await dialog.getByLabel('Name', { exact: true }).fill(appName);
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(page.getByRole('heading', { name: appName, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No services yet' })).toBeVisible();
    applicationURL = page.url();
    await screen(page, 'deploy-01-application-empty');
  });

  await test.step('add a service with its configuration; it goes live with progress bars', async () => {
    await page.getByRole('button', { name: 'Add service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add service' });
    await expect(dialog.getByLabel('Cluster')).toContainText(clusterName);
    await dialog.getByLabel('Display name', { exact: true }).fill(serviceName);
    await dialog.getByLabel('Image', { exact: true }).fill('example/iris:1');
    await dialog.getByLabel('Replicas', { exact: true }).fill('2');
    await dialog.getByLabel('CPU request', { exact: true }).fill('250m');
    await dialog.getByLabel('Memory request', { exact: true }).fill('256Mi');
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByLabel('Variable 1 name').fill('THREADS');
    await dialog.getByLabel('Variable 1 value').fill('4');
    await screen(page, 'deploy-02-add-service');
    await dialog.getByRole('button', { name: 'Add and deploy' }).click();
    await expect(toast(page, 'Service added')).toBeVisible();
    const card = page.getByRole('group', { name: `Service ${serviceName}` });
    await expect(card).toBeVisible();
    await expect(card.getByRole('progressbar', { name: 'Ready' })).toBeVisible({ timeout: 30_000 });
    await screen(page, 'deploy-03-deploying');
    await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(card).toContainText('2/2 ready');
    await expect(card).toContainText('succeeded');
    await expect(card).toContainText('example/iris:1');
    await expect(card).toContainText('.models.example.com');
    await expect(page.getByText(`${appName}-development.models.example.com`)).toBeVisible();
    await screen(page, 'deploy-04-running');
  });

  await test.step('edit its CPU: an update rollout, revision 2', async () => {
    const card = page.getByRole('group', { name: `Service ${serviceName}` });
    await card.getByRole('button', { name: `Edit ${serviceName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${serviceName}` });
    await expect(dialog.getByLabel('CPU request', { exact: true })).toHaveValue('250m');
    await dialog.getByLabel('CPU request', { exact: true }).fill('300m');
    await dialog.getByLabel('Reason', { exact: true }).fill('more CPU for the new model');
    await dialog.getByRole('button', { name: 'Save and roll out' }).click();
    await expect(toast(page, 'Configuration saved')).toBeVisible();
    await expect(card).toContainText('Update · rev 2');
    await expect(card).toContainText('succeeded', { timeout: 90_000 });
    await screen(page, 'deploy-05-updated');
  });

  await test.step('memo restart: revision 3', async () => {
    const card = page.getByRole('group', { name: `Service ${serviceName}` });
    await card.getByRole('button', { name: `Restart ${serviceName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Restart ${serviceName}` });
    await dialog.getByLabel('Memo', { exact: true }).fill('reload model files');
    await screen(page, 'deploy-06-memo');
    await dialog.getByRole('button', { name: 'Save memo and restart' }).click();
    await expect(toast(page, `Restarting ${serviceName}`)).toBeVisible();
    await expect(card).toContainText('Restart · rev 3');
    await expect(card).toContainText('succeeded', { timeout: 90_000 });
    await screen(page, 'deploy-07-restarted');
  });

  await test.step('the service page: header, live progress, history of three revisions', async () => {
    await page.getByRole('link', { name: `Open ${serviceName}` }).click();
    await expect(page.getByRole('heading', { name: serviceName, level: 1 })).toBeVisible();
    await expect(page.getByText('Kubernetes name')).toBeVisible();
    const history = page.getByRole('table', { name: 'Rollouts' });
    for (const rev of [1, 2, 3]) await expect(history.getByRole('row', { name: `Revision ${rev}` })).toContainText('succeeded');
    await expect(history.getByRole('row', { name: 'Revision 2' })).toContainText('more CPU for the new model');
    const progress = page.getByRole('region', { name: 'Rollout progress' });
    await expect(progress).toContainText('Restart, revision 3');
    await expect(progress.getByRole('progressbar', { name: 'Available' })).toHaveAttribute('aria-valuenow', '2');
    // The watch's last look may still include an old pod on its way out; the new ones are ready.
    await expect(progress.getByRole('list', { name: 'Pods' }).getByRole('listitem').filter({ hasText: 'Ready' }).first()).toBeVisible();
    await screen(page, 'deploy-08-service');
  });

  await test.step('the diff of revision 2, and of revision 3 against revision 1', async () => {
    const history = page.getByRole('table', { name: 'Rollouts' });
    await history.getByRole('button', { name: 'Diff of revision 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revision 2: what changed' });
    const cpu = dialog.getByRole('row').filter({ hasText: 'CPU request' });
    await expect(cpu).toContainText('250m');
    await expect(cpu).toContainText('300m');
    await dialog.getByLabel('Compare with').click();
    await page.getByRole('option', { name: /Revision 1/ }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await history.getByRole('button', { name: 'Diff of revision 3' }).click();
    const third = page.getByRole('dialog', { name: 'Revision 3: what changed' });
    await expect(third.getByRole('row').filter({ hasText: 'Memo' })).toContainText('reload model files');
    await third.getByLabel('Compare with').click();
    await page.getByRole('option', { name: /Revision 1/ }).click();
    await expect(third.getByRole('row').filter({ hasText: 'CPU request' })).toContainText('300m');
    await screen(page, 'deploy-09-diff');
    await third.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('roll back to revision 1 after reading what changes', async () => {
    const history = page.getByRole('table', { name: 'Rollouts' });
    await history.getByRole('button', { name: 'Roll back to revision 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back to revision 1?' });
    const cpu = dialog.getByRole('row').filter({ hasText: 'CPU request' });
    await expect(cpu).toContainText('300m');
    await expect(cpu).toContainText('250m');
    await dialog.getByLabel('Reason', { exact: true }).fill('revision 2 was slower');
    await screen(page, 'deploy-10-rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await expect(toast(page, 'Rolling back to revision 1')).toBeVisible();
    const fourth = history.getByRole('row', { name: 'Revision 4' });
    await expect(fourth).toContainText('Rollback');
    await expect(fourth).toContainText('succeeded', { timeout: 90_000 });
    await expect(page.getByText('250m CPU')).toBeVisible();
    await screen(page, 'deploy-11-rolled-back');
  });

  await test.step('while a rollout runs, a queued one can be cancelled; the running one is watched live', async () => {
    // Slow new pods down, so the scale-up is still running when the restart queues behind it.
    const { simAdmin } = await import('../test/kube-sim.ts');
    await simAdmin(sim, '/_sim/pods', { startSeconds: 30, readySeconds: 2 });
    await page.getByRole('button', { name: `Edit ${serviceName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${serviceName}` });
    await dialog.getByLabel('Replicas', { exact: true }).fill('3');
    await dialog.getByRole('button', { name: 'Save and roll out' }).click();
    await expect(toast(page, 'Configuration saved')).toBeVisible();
    const history = page.getByRole('table', { name: 'Rollouts' });
    await expect(history.getByRole('row', { name: 'Revision 5' })).toContainText('running');
    await page.getByRole('button', { name: `Restart ${serviceName}` }).click();
    const memo = page.getByRole('dialog', { name: `Restart ${serviceName}` });
    await memo.getByLabel('Memo', { exact: true }).fill('never mind');
    await memo.getByRole('button', { name: 'Save memo and restart' }).click();
    const sixth = history.getByRole('row', { name: 'Revision 6' });
    await expect(sixth).toContainText('queued');
    const progress = page.getByRole('region', { name: 'Rollout progress' });
    await expect(progress).toContainText('Rolling out: Update, revision 5');
    await expect(progress.getByRole('progressbar', { name: 'Ready' })).toHaveAttribute('aria-valuemax', '3');
    await screen(page, 'deploy-12-running-and-queued');
    await sixth.getByRole('button', { name: 'Cancel revision 6' }).click();
    await expect(sixth).toContainText('cancelled');
    await simAdmin(sim, '/_sim/pods', { startSeconds: 4, readySeconds: 2 });
    await expect(history.getByRole('row', { name: 'Revision 5' })).toContainText('succeeded', { timeout: 120_000 });
    await expect(progress.getByRole('progressbar', { name: 'Available' })).toHaveAttribute('aria-valuenow', '3');
  });

  await test.step('the last lines of a pod log', async () => {
    await page.getByRole('button', { name: 'Show log' }).click();
    await expect(page.getByLabel('Log lines')).toBeVisible({ timeout: 30_000 });
  });

  await test.step('an A/B partner at the same level whose image cannot be pulled fails with the pod\'s reason', async () => {
    await page.getByRole('link', { name: appName }).first().click();
    await page.getByRole('button', { name: 'Add at development' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add service' });
    await dialog.getByLabel('Display name', { exact: true }).fill('iris-dev-b');
    await dialog.getByLabel('Image', { exact: true }).fill('example/iris:bad-pull-1');
    await dialog.getByLabel('Progress deadline (s)').fill('30');
    await dialog.getByRole('button', { name: 'Add and deploy' }).click();
    await expect(toast(page, 'Service added')).toBeVisible();
    // Simulated time runs faster from here, so the progress deadline passes in a couple of seconds.
    const { simAdmin } = await import('../test/kube-sim.ts');
    await simAdmin(sim, '/_sim/clock', { speed: 20 });
    const partner = page.getByRole('group', { name: 'Service iris-dev-b' });
    await expect(partner.getByText('Failed', { exact: true })).toBeVisible({ timeout: 90_000 });
    await expect(partner).toContainText('ImagePullBackOff');
    await expect(page.getByRole('group', { name: `Service ${serviceName}` }).getByText('Running', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Development services' })).toContainText('A/B');
    await screen(page, 'deploy-13-ab-failed');
    // A first revision that failed has nothing earlier to go back to, and says so.
    await partner.getByRole('button', { name: 'Roll back iris-dev-b' }).click();
    const nothing = page.getByRole('dialog', { name: 'Nothing to roll back to' });
    await expect(nothing).toContainText('no earlier revision that succeeded');
    await nothing.getByRole('button', { name: 'Close' }).first().click();
    await partner.getByRole('link', { name: 'Open iris-dev-b' }).click();
    const progress = page.getByRole('region', { name: 'Rollout progress' });
    await expect(progress.getByRole('list', { name: 'Pods' })).toContainText('ImagePullBackOff: ');
    await expect(progress.getByRole('list', { name: 'Pods' })).toContainText('example/iris:bad-pull-1');
    await screen(page, 'deploy-14-failed-service');
  });

  await test.step('delete the failed partner: its card goes, its history stays', async () => {
    await page.getByRole('button', { name: 'Delete iris-dev-b' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete iris-dev-b?' });
    await confirm.getByRole('button', { name: 'Delete service' }).click();
    await expect(toast(page, 'Deleting iris-dev-b')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Rollouts' }).getByRole('row', { name: 'Revision 2' })).toContainText('Delete');
    await expect(page.getByText('Deleted', { exact: true })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: appName }).first().click();
    await expect(page.getByRole('group', { name: `Service ${serviceName}` })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Service iris-dev-b' })).toHaveCount(0);
  });

  await test.step('the audit log has every change with its actor and reason', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Audit' }).click();
    const events = page.getByRole('table', { name: 'Audit events' });
    await expect(events.getByRole('row').filter({ hasText: 'rollout.rollback' })).toContainText('revision 2 was slower');
    await expect(events.getByRole('row').filter({ hasText: 'service.restart' })).toHaveCount(2);
    await expect(events.getByRole('row').filter({ hasText: 'service.update' }).filter({ hasText: 'more CPU for the new model' })).toContainText('cpuRequest');
    await expect(events.getByRole('row').filter({ hasText: 'rollout.cancel' })).toContainText('cancelled restart rollout #6');
    await expect(events.getByRole('row').filter({ hasText: 'service.create' })).toHaveCount(2);
    await expect(events.getByRole('row').filter({ hasText: 'service.delete' })).toBeVisible();
    await screen(page, 'deploy-15-audit');
    expect(applicationURL).toContain('/applications/');
  });
});
