import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { applyTestEnv } from '../test/env.ts';
import { screen } from './screens.ts';
import { portalURL } from './servers.ts';
import { users } from './users.ts';

// What an attacker tries against the portal in a browser: redirects off-site after sign-in, text
// in the sign-in page's alert, framing a signed-in page, scripts under the CSP, and a disabled
// account's live cookie.

applyTestEnv();

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Console messages about the Content-Security-Policy, which a page working under it never prints. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const callbackUrl of [`${portalURL}//evil.example/path`, '//evil.example/path', '/\\evil.example/path', 'https://evil.example/']) {
    test(`sign-in never follows callbackUrl=${callbackUrl} off the portal`, async ({ page }) => {
      const member = users.member();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signIn(page, member.email, member.password);
      await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(portalURL);
      expect(new URL(page.url()).pathname).toBe('/');
    });
  }

  test('the alert shows only messages for known codes, never text from the link', async ({ page }) => {
    await page.goto(`/sign-in?error=${encodeURIComponent('Your account is locked. Call +1 555 0100 to unlock it.')}`);
    const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
    await expect(alert).toHaveText('Sign-in failed. Try again.');
    await page.goto('/sign-in?error=CredentialsSignin');
    await expect(alert).toHaveText('Wrong email or password.');
    await screen(page, '16-sign-in-unknown-error');
  });

  test('an over-long email is refused by the form and by the server, without internals', async ({ page }) => {
    const long = `${'a'.repeat(400)}@example.com`;
    await page.goto('/sign-in');
    // The field stops at 320 characters; with the limit lifted the form's own check still refuses.
    await page.getByLabel('Email').evaluate((input) => input.removeAttribute('maxlength'));
    await signIn(page, long, 'whatever-password');
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('An email has at most 320 characters.');
    // Straight to next-auth, past the form.
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const answer = await page.request.post('/api/auth/callback/credentials', {
      form: { email: long, password: 'whatever-password', csrfToken, json: 'true' },
      maxRedirects: 0,
    });
    const body = await answer.text();
    expect(body).toContain('error=CredentialsSignin');
    expect(body).not.toMatch(/select|insert|params|users/i);
  });

  test('a disabled account with a live session cookie lands on the sign-in form, not in a redirect loop', async ({ page }) => {
    const { db } = await import('../db/client.ts');
    const { createUser, setUserDisabled } = await import('../server/domain/users/users.ts');
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const user = await createUser(db(), { email: `e2e-disabled-${users.run()}-${randomBytes(3).toString('hex')}@example.com`, password });
    await page.goto('/sign-in');
    await signIn(page, user.email, password);
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await setUserDisabled(db(), user.email, true);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Drucker' })).toBeVisible();
  });
});

test('pages work under the Content-Security-Policy, which refuses framing and foreign script', async ({ page, browser }) => {
  const violations = cspViolations(page);
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  // Served over http here, so no HSTS (it is sent when NEXTAUTH_URL or the request is https).
  expect(headers['strict-transport-security']).toBeUndefined();

  // Hydrated and interactive: the dialog opens and the API answers.
  await page.getByRole('button', { name: 'New project' }).first().click();
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
  await page.keyboard.press('Escape');
  const api = await page.request.get('/api/trpc/user.me');
  expect(api.status()).toBe(200);
  expect(api.headers()['cache-control']).toBe('no-store');

  expect(violations).toEqual([]);
  // Markup injected into the page (the way XSS arrives) cannot run script: inline handlers carry no nonce.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onload="document.body.dataset.injected = \'ran\'">');
  });
  await expect.poll(() => violations.some((text) => /inline event handler/i.test(text))).toBe(true);
  await expect(page.locator('body')).not.toHaveAttribute('data-injected', 'ran');

  // Another site (any origin but the portal's) frames a signed-in page: the browser refuses.
  const framer = await browser.newContext({ storageState: test.info().project.use.storageState as string });
  const attacker = await framer.newPage();
  await attacker.route('http://framer.example/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<h1>Win a prize</h1><iframe title="portal" src="${portalURL}/" width="800" height="500"></iframe>` }),
  );
  await attacker.goto('http://framer.example/');
  // Chromium replaces a refused frame with its error page; a framed portal would keep its URL and show Projects.
  await expect.poll(() => attacker.frames().find((f) => f !== attacker.mainFrame())?.url(), { timeout: 15_000 }).toMatch(/^chrome-error:/);
  await expect(attacker.frameLocator('iframe[title="portal"]').getByRole('heading', { name: 'Projects' })).toHaveCount(0);
  await screen(attacker, '17-framing-refused');
  await framer.close();
});
