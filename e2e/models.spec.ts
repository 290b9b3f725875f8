import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Runner } from 'graphile-worker';
import type { KubeSim } from '../tools/kube-sim/src/index.ts';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { users } from './users.ts';

// The original's "Add Model" and "Switch Models": upload a model and watch the bar move, cancel
// another upload half-way, see the model copied to the cluster, switch a service to it, watch the
// rollout succeed, and roll the switch back. A worker (this process) and kube-sim do the work.

applyTestEnv();

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });
const MiB = 1024 * 1024;

let sim: KubeSim;
let worker: Runner | undefined;
let modelFile: string;
let projectId: number;
let applicationId: number;
let serviceName: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const { startTestKubeSim, registerSimCluster } = await import('../test/kube-sim.ts');
  const { startTestWorker } = await import('../test/worker.ts');
  const { db } = await import('../db/client.ts');
  const { createProject } = await import('../server/domain/projects/projects.ts');
  const { createApplication } = await import('../server/domain/applications/create.ts');
  const { createService } = await import('../server/domain/services/create.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  const { getRollout } = await import('../server/domain/rollouts/queries.ts');
  const { getService } = await import('../server/domain/services/queries.ts');
  const { eventually } = await import('../test/wait.ts');

  sim = await startTestKubeSim();
  worker = await startTestWorker(4);
  const admin = await findUserByEmail(db(), users.admin().email);
  if (!admin) throw new Error('the e2e admin is missing');
  const actor = { type: 'user' as const, userId: admin.id, label: admin.email };
  ({ projectId } = await createProject(db(), actor, { name: `models-${users.run()}` }));
  const clusterId = await registerSimCluster(projectId, sim);
  ({ applicationId } = await createApplication(db(), actor, { projectId, name: 'iris' }));
  const { serviceId, rolloutId } = await createService(db(), actor, projectId, { applicationId, clusterId, level: 'staging', displayName: 'iris staging', spec: { image: 'example/iris:1' } });
  await eventually('the service to be created', async () => (await getRollout(db(), projectId, rolloutId)).status === 'succeeded', 90_000);
  serviceName = (await getService(db(), projectId, serviceId)).displayName;

  const dir = path.resolve('test-results', `models-${users.run()}`);
  await mkdir(dir, { recursive: true });
  modelFile = path.join(dir, 'iris-svm.pkl');
  await writeFile(modelFile, randomBytes(12 * MiB));
});

test.afterAll(async () => {
  await worker?.stop();
  const { closeQueue } = await import('../server/jobs/queue.ts');
  const { closePublisher } = await import('../server/live/publish.ts');
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

/** Slows this page's uploads, so a person (and the test) can see the bar move. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond ?? -1 });
}

async function uploadValue(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow'));
}

test('an editor uploads a model with a progress bar, switches a service to it, and rolls the switch back', async ({ page }) => {
  test.setTimeout(300_000);
  const modelsPage = `/projects/${projectId}/applications/${applicationId}/models`;

  await test.step('the application links to its models; none yet', async () => {
    await page.goto(`/projects/${projectId}/applications/${applicationId}`);
    await page.getByRole('link', { name: 'Models', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Models of iris', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No models yet' })).toBeVisible();
    await screen(page, 'models-01-empty');
  });

  await test.step('upload: the bar moves with bytes, rate and time left', async () => {
    await throttleUploads(page, 3 * MiB);
    await page.getByRole('button', { name: 'Add model' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add model' });
    await dialog.getByLabel('Model file').setInputFiles(modelFile);
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('iris-svm');
    await dialog.getByLabel('Version').fill('1');
    await dialog.getByLabel('Description').fill('SVM, C=0.5');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => uploadValue(page), { timeout: 30_000 }).toBeGreaterThan(10);
    const first = await uploadValue(page);
    expect(first).toBeLessThan(100);
    await expect(dialog.getByTestId('upload-figures')).toContainText(/of 12 MiB · .+\/s · .+ left/);
    await screen(page, 'models-02-uploading');
    await expect.poll(() => uploadValue(page), { timeout: 30_000 }).toBeGreaterThan(first);
    await expect(toast(page, 'Model iris-svm uploaded')).toBeVisible({ timeout: 60_000 });
    await expect(dialog).toBeHidden();
  });

  await test.step('cancel: an upload stopped half-way leaves no model', async () => {
    await page.getByRole('button', { name: 'Add model' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add model' });
    await dialog.getByLabel('Model file').setInputFiles(modelFile);
    await dialog.getByLabel('Version').fill('2');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => uploadValue(page), { timeout: 30_000 }).toBeGreaterThan(5);
    await dialog.getByRole('button', { name: 'Cancel upload' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The upload was cancelled.');
    await screen(page, 'models-03-cancelled');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await throttleUploads(page, null);
    await page.reload();
    const table = page.getByRole('table', { name: 'Models', exact: true });
    await expect(table.getByRole('row')).toHaveCount(2); // the header and iris-svm 1
    await expect(table).toContainText('iris-svm 1');
    await expect(table).toContainText('12 MiB');
    await screen(page, 'models-04-list');
  });

  await test.step('the model page shows its facts and its verified copy to the cluster', async () => {
    await page.getByRole('link', { name: 'iris-svm 1' }).click();
    await expect(page.getByRole('heading', { name: 'iris-svm 1', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Description')).toHaveValue('SVM, C=0.5');
    await expect(page.getByTestId('model-sha256')).toHaveText(/^[0-9a-f]{64}$/);
    const copy = page.getByRole('table', { name: 'Copies' }).getByRole('row').nth(1);
    await expect(copy).toContainText('verified', { timeout: 60_000 });
    await expect(copy).toContainText('12 MiB of 12 MiB');
    await page.getByLabel('Description').fill('SVM, C=0.5, trained on iris v2');
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect(toast(page, 'Description saved')).toBeVisible();
    await screen(page, 'models-05-detail');
  });

  await test.step('switch the service to the model and watch the rollout succeed', async () => {
    await page.goto(modelsPage);
    const select = page.getByLabel(`Model for ${serviceName}`);
    await select.selectOption({ label: 'iris-svm 1' });
    await page.getByRole('button', { name: 'Save (1)' }).click();
    const row = page.getByRole('table', { name: 'Services and their models' }).getByRole('row').filter({ hasText: serviceName });
    await expect(row).toContainText('revision 2 succeeded', { timeout: 90_000 });
    await expect(row.getByRole('cell').nth(1)).toHaveText('iris-svm 1');
    await expect(page.getByRole('table', { name: 'Models', exact: true })).toContainText(`${serviceName} (staging)`);
    await screen(page, 'models-06-switched');
  });

  await test.step('roll the switch back: the service runs no model again', async () => {
    const row = page.getByRole('table', { name: 'Services and their models' }).getByRole('row').filter({ hasText: serviceName });
    await row.getByRole('button', { name: 'Roll back' }).click();
    await expect(row).toContainText('revision 3 succeeded', { timeout: 90_000 });
    await expect(row.getByRole('cell').nth(1)).toHaveText('no model');
    await screen(page, 'models-07-rolled-back');
    await page.getByRole('link', { name: 'iris-svm 1' }).click();
    await expect(page.getByText('No service runs it.')).toBeVisible();
    await expect(page.getByText(`${serviceName} (staging)`)).toBeVisible(); // ran it before
    await screen(page, 'models-08-ran-before');
  });
});
