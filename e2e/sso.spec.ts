import { expect, test, type Page } from '@playwright/test';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { oidcIssuer, portalURL, ssoName, ssoPerson } from './servers.ts';
import { users } from './users.ts';

// Single sign-on against a real OpenID Connect provider (e2e/oidc-provider.ts, panva's
// oidc-provider with its development login and consent pages), on the second portal instance (ssoPortalPort)
// that has it configured. Nobody is signed in at the start of a test.

applyTestEnv();
const ssoButton = `Sign in with ${ssoName}`;

async function findUser(email: string) {
  const { db } = await import('../db/client.ts');
  const { findUserByEmail } = await import('../server/domain/users/users.ts');
  return findUserByEmail(db(), email);
}

/** From our sign-in page through the provider's login and consent pages, back to the portal. */
async function signInWithSso(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: ssoButton }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer.replaceAll('.', '\\.')}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize' })).toBeVisible();
  await expect(page.getByText('email', { exact: true })).toBeVisible(); // the scopes asked for
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('the sign-in page offers single sign-on only where it is configured', async ({ page }) => {
  await page.goto(`${portalURL}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in to Drucker' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign in with/ })).toHaveCount(0);

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: ssoButton })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await screen(page, '20-sign-in-with-sso');
});

test('a new person signs in with SSO, gets an account without a password, and the same one next time', async ({ page }) => {
  const login = `sso-${users.run()}`;
  const person = ssoPerson(login);
  expect(await findUser(person.email)).toBeUndefined();

  await signInWithSso(page, login);
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  const menu = page.getByRole('button', { name: `Account menu for ${person.email}` });
  await expect(menu).toContainText(person.name);
  await menu.click();
  await expect(page.getByRole('menu')).toContainText(person.email);
  await screen(page, '21-signed-in-with-sso');

  const user = await findUser(person.email);
  expect(user).toMatchObject({ email: person.email, name: person.name, passwordHash: null, disabledAt: null });

  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Drucker' })).toBeVisible();
  // The provider remembers the person and the consent, so the second time goes straight through.
  await page.getByRole('button', { name: ssoButton }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: `Account menu for ${person.email}` })).toBeVisible();
  expect((await findUser(person.email))?.id).toBe(user?.id);

  // Without a password, the email and password form does not let anyone in as this person.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill('any-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong email or password.');
});

test('an email the provider has not verified is refused, with the reason on the sign-in page', async ({ page }) => {
  const login = `unverified-${users.run()}`;
  await signInWithSso(page, login);
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'Your single sign-on provider has not verified the email address of your account, so Drucker cannot match it to a user. Verify it there, then try again.',
  );
  await screen(page, '22-sso-email-not-verified');
  expect(await findUser(ssoPerson(login).email)).toBeUndefined();
});

test('an admin adds a person by email before their first SSO sign-in, and they find the project', async ({ page, browser }) => {
  const login = `invited-${users.run()}`;
  const person = ssoPerson(login);
  const projectName = `sso-${users.run()}`;

  await test.step('the admin signs in with a password and adds the email as a member', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(users.admin().email);
    await page.getByLabel('Password').fill(users.admin().password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'New project' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name').fill(projectName);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(/\/projects\/\d+\/applications$/);
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect(page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: person.email })).toBeVisible();
    expect(await findUser(person.email)).toMatchObject({ email: person.email, passwordHash: null });
  });

  await test.step('the person signs in with SSO into that account and sees the project', async () => {
    const before = await findUser(person.email);
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInWithSso(other, login);
    await expect(other.getByRole('button', { name: `Account menu for ${person.email}` })).toBeVisible();
    await expect(other.getByRole('link', { name: new RegExp(projectName) })).toContainText('viewer');
    expect((await findUser(person.email))?.id).toBe(before?.id);
    await context.close();
  });
});
