import { expect, test as setup } from '@playwright/test';
import { screen } from './screens.ts';
import { adminStorageState, users } from './users.ts';

// Signs in once through the real form; the other specs start from the saved session.
setup('sign in as the admin through the form', async ({ page }) => {
  const admin = users.admin();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Drucker' })).toBeVisible();
  await screen(page, '01-sign-in');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await screen(page, '02-projects-empty');
  await page.context().storageState({ path: adminStorageState });
});
