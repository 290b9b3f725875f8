import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KubeSim } from '../tools/kube-sim/src/index.ts';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { users } from './users.ts';

// The original's first steps: add a host (a cluster, by uploading its kubeconfig), see it healthy,
// add an application. A kubeconfig that cannot work is refused with exactly what failed, and a
// cluster still in use is not deleted. kube-sim runs here, on a free port, over TLS.

applyTestEnv();

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });

let sim: KubeSim;
let goodFile: string;
let wrongTokenFile: string;

test.beforeAll(async () => {
  const { startKubeSim } = await import('../tools/kube-sim/src/index.ts');
  sim = await startKubeSim({ port: 0, tls: true });
  const dir = path.resolve('test-results', `kubeconfigs-${users.run()}`);
  await mkdir(dir, { recursive: true });
  goodFile = path.join(dir, 'kube-sim.yaml');
  wrongTokenFile = path.join(dir, 'expired.yaml');
  await writeFile(goodFile, sim.kubeconfig, { mode: 0o600 });
  await writeFile(wrongTokenFile, sim.kubeconfig.replace(sim.token, 'a-token-the-cluster-never-issued'), { mode: 0o600 });
});

test.afterAll(async () => {
  await sim?.close();
});

async function newProject(): Promise<number> {
  const { db } = await import('../db/client.ts');
  const { createProject } = await import('../server/domain/projects/projects.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  const admin = await findUserByEmail(db(), users.admin().email);
  if (!admin) throw new Error('the e2e admin is missing');
  const { projectId } = await createProject(db(), { type: 'user', userId: admin.id, label: admin.email }, { name: `clusters-${users.run()}` });
  return projectId;
}

test('an admin adds a cluster by uploading its kubeconfig, sees it healthy, and adds an application', async ({ page }) => {
  // The whole first-day journey in one test: longer than the suite's default minute.
  test.setTimeout(300_000);
  const projectId = await newProject();
  const clusterName = 'kube-sim-e2e';

  await test.step('the empty clusters page offers to add one', async () => {
    await page.goto(`/projects/${projectId}/clusters`);
    await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
    await screen(page, 'clusters-01-empty');
    await page.getByRole('link', { name: 'Add cluster' }).click();
    await expect(page.getByRole('heading', { name: 'Add cluster', level: 1 })).toBeVisible();
  });

  await test.step('a kubeconfig the cluster rejects is refused with the exact failure, and nothing is saved', async () => {
    await page.getByLabel('Name', { exact: true }).fill(clusterName);
    await page.getByLabel('Upload kubeconfig file').setInputFiles(wrongTokenFile);
    await expect(page.getByLabel('Kubeconfig', { exact: true })).toHaveValue(/a-token-the-cluster-never-issued/);
    await expect(page.getByText(/Context kube-sim:/)).toContainText(sim.url);
    await page.getByLabel('DNS name').fill('models.example.com');
    await page.getByRole('button', { name: 'Verify and add cluster' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not verify this cluster' });
    await expect(alert).toContainText('nothing was saved');
    await expect(alert).toContainText(`401 Unauthorized: ${sim.url} rejected the credentials of the kubeconfig's user "kube-sim"`);
    await screen(page, 'clusters-02-verification-failed');
  });

  await test.step('the right kubeconfig verifies; the cluster is saved healthy', async () => {
    await page.getByLabel('Upload kubeconfig file').setInputFiles(goodFile);
    await expect(page.getByLabel('Kubeconfig', { exact: true })).toHaveValue(new RegExp(sim.token));
    await expect(page.getByLabel('Directory', { exact: true })).toHaveAttribute('placeholder', `./data/clusters/${clusterName}`);
    await expect(page.getByLabel('Namespace template')).toHaveValue('{level}');
    await screen(page, 'clusters-03-add-form');
    await page.getByRole('button', { name: 'Verify and add cluster' }).click();
    await expect(toast(page, `Cluster ${clusterName} added and verified`)).toBeVisible();
    await expect(page.getByRole('heading', { name: clusterName, level: 1 })).toBeVisible();
    await expect(page.getByText('Healthy', { exact: true })).toBeVisible();
    await expect(page.getByText('v1.32.0-kube-sim').first()).toBeVisible();
    await expect(page.getByText(sim.url)).toBeVisible();
    // The page never carries the kubeconfig's secret.
    expect(await page.content()).not.toContain(sim.token);
    await screen(page, 'clusters-04-detail');
  });

  await test.step('check now', async () => {
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(toast(page, `${clusterName} is healthy`)).toBeVisible();
  });

  await test.step('the list shows it with health, version and when it was checked', async () => {
    await page.getByRole('link', { name: 'Clusters', exact: true }).first().click();
    const row = page.getByRole('table', { name: 'Clusters' }).getByRole('row').filter({ hasText: clusterName });
    await expect(row).toContainText('Healthy');
    await expect(row).toContainText('v1.32.0-kube-sim');
    await expect(row).toContainText(/just now|min ago/);
    await screen(page, 'clusters-05-list');
  });

  let applicationId = 0;
  await test.step('add an application', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Applications' }).click();
    await expect(page.getByRole('heading', { name: 'No applications yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Add application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add application' });
    await dialog.getByLabel('Name', { exact: true }).fill('Iris');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(dialog.getByRole('alert')).toContainText('lowercase letters, digits');
    await dialog.getByLabel('Name', { exact: true }).fill('iris');
    await dialog.getByLabel('Git URL').fill('git@github.com:example/iris.git');
    await dialog.getByLabel('Boot script').fill('start.sh');
    await screen(page, 'clusters-06-add-application');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(toast(page, 'Application iris created')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'iris', level: 1 })).toBeVisible();
    await expect(page.getByText('git@github.com:example/iris.git')).toBeVisible();
    applicationId = Number(/applications\/(\d+)/.exec(page.url())?.[1]);
    await screen(page, 'clusters-07-application');
    await page.getByRole('link', { name: 'Applications' }).first().click();
    await expect(page.getByRole('table', { name: 'Applications' }).getByRole('row').filter({ hasText: 'iris' })).toContainText('no services');
    await screen(page, 'clusters-08-applications');
  });

  await test.step('a cluster with a service is not deleted; the refusal names the service', async () => {
    const { db } = await import('../db/client.ts');
    const { eq } = await import('drizzle-orm');
    const { clusters } = await import('../db/schema/clusters.ts');
    const { services } = await import('../db/schema/services.ts');
    const { insertService } = await import('../test/cluster-fixtures.ts');
    const [cluster] = await db().select().from(clusters).where(eq(clusters.projectId, projectId));
    const service = await insertService({ applicationId, clusterId: cluster!.id, level: 'production' });

    await page.goto(`/projects/${projectId}/clusters/${cluster!.id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete cluster ${clusterName}?` });
    await confirm.getByRole('button', { name: 'Delete cluster' }).click();
    await expect(confirm.getByRole('alert')).toContainText(`is still used by a service: iris/${service.k8sName} (production). Delete it first.`);
    await screen(page, 'clusters-09-delete-refused');
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await db().update(services).set({ status: 'deleted', deletedAt: new Date() }).where(eq(services.id, service.serviceId));
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete cluster' }).click();
    await expect(toast(page, `Cluster ${clusterName} removed`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
  });
});
