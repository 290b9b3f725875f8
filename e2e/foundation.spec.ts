import { expect, test, type Locator, type Page } from '@playwright/test';
import { screen } from './screens.ts';
import { users } from './users.ts';

// The foundation journey: an admin creates a project, manages its members and API tokens, and
// finds every change on the Audit page. Each run makes its own project and people.

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });

/** Chooses an option of a select (the options open in a portal, so they are found on the page). */
async function pick(page: Page, scope: Page | Locator, combobox: string, option: RegExp) {
  await scope.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

test('an admin creates a project, manages members and tokens, and sees it all in the audit log', async ({ page, browser }, testInfo) => {
  const admin = users.admin();
  const member = users.member();
  // A long journey (two browsers, a dozen pages): 40 s on a quiet machine, past a minute on a loaded one.
  test.setTimeout(180_000);
  // Fresh per attempt: a retry after a slow first attempt must not find that attempt's project.
  const projectName = `e2e-${users.run()}-${testInfo.retry}`;

  await test.step('create a project (a bad name is explained under the field)', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'New project' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name').fill('Not A DNS Name');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog.getByRole('alert')).toContainText('lowercase letters, digits');
    await screen(page, '03-new-project-invalid');
    await dialog.getByLabel('Name').fill(projectName);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(/\/projects\/\d+\/applications$/);
    await expect(toast(page, `Project ${projectName} created`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No applications yet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Applications' })).toHaveAttribute('aria-current', 'page');
    await screen(page, '04-applications');
  });

  await test.step('the clusters page tells the truth', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Clusters' }).click();
    await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
    await screen(page, '05-clusters');
  });

  await test.step('add a member', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    const members = page.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('row')).toHaveCount(2); // header + the admin
    await page.getByLabel('Email').fill(member.email);
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect(toast(page, `Added ${member.email} as viewer`)).toBeVisible();
    await expect(members.getByRole('row').filter({ hasText: member.email })).toBeVisible();
    await expect(page.getByRole('combobox', { name: `Role of ${member.email}` })).toHaveText(/viewer/);
  });

  await test.step("change the member's role", async () => {
    await pick(page, page, `Role of ${member.email}`, /^editor/);
    await expect(toast(page, `${member.email} is now editor`)).toBeVisible();
    await expect(page.getByRole('combobox', { name: `Role of ${member.email}` })).toHaveText(/editor/);
  });

  await test.step('the last admin cannot step down', async () => {
    await pick(page, page, `Role of ${admin.email}`, /^viewer/);
    await expect(toast(page, 'is the last admin of this project')).toBeVisible();
    await expect(page.getByRole('combobox', { name: `Role of ${admin.email}` })).toHaveText(/admin/);
  });

  await test.step('create an API token and see it once', async () => {
    await expect(page.getByRole('heading', { name: 'No API tokens' })).toBeVisible();
    await screen(page, '06-settings');
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API token' });
    await dialog.getByLabel('Name').fill('ci-deployer');
    await pick(page, dialog, 'Role', /^editor/);
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Token created' });
    await expect(shown.getByText('It is shown only once')).toBeVisible();
    const field = shown.getByRole('textbox', { name: 'Your new API token' });
    await expect(field).toHaveValue(/^drk_[A-Za-z0-9_-]{30,}$/);
    const token = await field.inputValue();
    await expect(shown.getByRole('button', { name: 'Copy token' })).toBeVisible();
    await screen(page, '07-token-created');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'ci-deployer' });
    await expect(row).toContainText('active');
    await expect(row).toContainText(token.slice(0, 12));
    // Once closed, the secret is gone from the page.
    await expect(page.getByText(token)).toHaveCount(0);
  });

  await test.step('revoke the token', async () => {
    await page.getByRole('button', { name: 'Revoke ci-deployer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke token ci-deployer?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await expect(toast(page, 'Revoked token ci-deployer')).toBeVisible();
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'ci-deployer' });
    await expect(row).toContainText('revoked');
    await expect(page.getByRole('button', { name: 'Revoke ci-deployer' })).toHaveCount(0);
    await screen(page, '08-settings-tokens');
  });

  await test.step('every change is on the Audit page, newest first', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Audit' }).click();
    const table = page.getByRole('table', { name: 'Audit events' });
    const rows = table.getByRole('row');
    // header + create, add, update, token create, token revoke (the refused demotion left no event)
    await expect(rows).toHaveCount(6);
    const actions = ['token.revoke', 'token.create', 'member.update', 'member.add', 'project.create'];
    for (const [i, action] of actions.entries()) await expect(rows.nth(i + 1)).toContainText(action);
    await expect(rows.nth(3)).toContainText(`changed ${member.email} from viewer to editor`);
    await expect(rows.nth(1)).toContainText(admin.email);
    await screen(page, '09-audit');

    await page.getByRole('button', { name: 'Show details of member.update' }).click();
    const details = table.locator('tr[id^="audit-event-"]');
    await expect(details).toContainText('"role": "viewer"');
    await expect(details).toContainText('"role": "editor"');
    await screen(page, '10-audit-details');

    await pick(page, page, 'Action', /^token\.create$/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('created editor token ci-deployer');
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(rows).toHaveCount(6);

    await page.getByLabel('Actor').fill('nobody-matches-this');
    await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
  });

  await test.step('an editor sees the members read-only and no token management', async () => {
    const settings = new URL(page.url()).pathname.replace(/\/audit$/, '/settings');
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await other.goto(settings);
    await expect(other).toHaveURL(/\/sign-in\?callbackUrl=/);
    await other.getByLabel('Email').fill(member.email);
    await other.getByLabel('Password').fill(member.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect(other).toHaveURL(new RegExp(`${settings}$`));
    await expect(other.getByText('Only project admins can add, change or remove members. You are an editor.')).toBeVisible();
    await expect(other.getByText('Managing API tokens needs the admin role in this project; you are an editor.')).toBeVisible();
    await expect(other.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: admin.email })).toContainText('admin');
    await expect(other.getByRole('combobox')).toHaveCount(0);
    await expect(other.getByRole('button', { name: /Create token|Add member|Remove/ })).toHaveCount(0);
    await screen(other, '11-settings-as-editor');
    await other.getByRole('button', { name: `Account menu for ${member.email}` }).click();
    await other.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(other.getByRole('heading', { name: 'Sign in to Drucker' })).toBeVisible();
    await context.close();
  });

  await test.step('the project is listed on the home page with the role', async () => {
    await page.getByRole('link', { name: 'Drucker home' }).click();
    const card = page.getByRole('link', { name: new RegExp(projectName) });
    await expect(card).toContainText('admin');
    await screen(page, '12-projects');
    // The switcher in the top bar lists the project too, and opens it.
    await page.getByRole('button', { name: 'Switch project' }).click();
    await expect(page.getByRole('menuitem', { name: 'New project' })).toBeVisible();
    await screen(page, '12-project-switcher');
    await page.getByRole('menuitem', { name: new RegExp(projectName) }).click();
    await expect(page).toHaveURL(/\/projects\/\d+\/applications$/);
    await expect(page.getByRole('button', { name: `Project ${projectName}, switch project` })).toBeVisible();
  });
});

test('a project you are not a member of shows a friendly not-found page', async ({ page }) => {
  await page.goto('/projects/2147483000/settings');
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to your projects' })).toBeVisible();
  await screen(page, '13-not-found');
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a wrong password shows the error and keeps you on the form', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(users.member().email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/sign-in/);
    await screen(page, '14-sign-in-wrong-password');
  });

  test('repeated failures are slowed down with a clear message', async ({ page }, testInfo) => {
    await page.goto('/sign-in');
    // A fresh email per attempt: a retry would otherwise start on the first attempt's pause.
    await page.getByLabel('Email').fill(`e2e-nobody-${users.run()}-${testInfo.retry}@example.com`);
    await page.getByLabel('Password').fill('wrong-password');
    const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
    // SIGN_IN_MAX_FAILURES defaults to 5; the attempt after that is refused with a wait time.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(alert).toHaveText('Wrong email or password.');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert).toHaveText(/^Too many failed sign-ins for this email\. Wait \d+ seconds, then try again\.$/);
    await screen(page, '15-sign-in-throttled');
  });

  test('a page visited signed out asks you to sign in, then takes you there', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
    await page.goto('/projects/2147483000/audit');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprojects%2F2147483000%2Faudit$/);
    await page.getByLabel('Email').fill(users.member().email);
    await page.getByLabel('Password').fill(users.member().password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects\/2147483000\/audit$/);
    await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  });
});
