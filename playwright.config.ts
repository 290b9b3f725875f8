import { defineConfig, devices } from '@playwright/test';
import { oidcClient, oidcIssuer, portalPort, portalURL, ssoName, ssoPortalPort, ssoPortalURL } from './e2e/servers.ts';
import { adminStorageState } from './e2e/users.ts';
import { testEnv } from './test/env.ts';

// Every browser of the suite signs in from 127.0.0.1, and the test database keeps throttle rows
// between runs: the per-address limit would pause the whole suite, so it is out of reach here
// (the per-email limit, which the suite tests, stays at its default).
const serverEnv = { ...testEnv, NODE_ENV: 'production', DRUCKER_E2E_BUILD: '1', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000' };

// Debian's chromium, never a downloaded browser (STACK-NOTES).
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One worker: the suite shares one web server and database pair on a two-core machine.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: portalURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'chromium',
      dependencies: ['sign-in'],
      testIgnore: /sso\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1360, height: 860 }, storageState: adminStorageState },
    },
    // Single sign-on against a real OpenID Connect provider, on the portal instance that has it configured.
    { name: 'sso', testMatch: /sso\.spec\.ts/, use: { ...devices['Desktop Chrome'], baseURL: ssoPortalURL } },
  ],
  // Playwright starts these one after another, each once its url answers: the SSO instance serves the
  // build the first command made, so it must stay after it.
  webServer: [
    {
      // The production build, in its own directory so it never collides with `npm run demo`'s .next.
      // Web servers start before globalSetup, and the server refuses to start on an unmigrated
      // database, so the test databases are migrated first (idempotent; globalSetup repeats it).
      command: `scripts/n node cli/main.ts migrate && scripts/n next build && scripts/n next start -p ${portalPort} -H 127.0.0.1`,
      url: `${portalURL}/sign-in`,
      timeout: 240_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, NEXTAUTH_URL: portalURL },
    },
    {
      // A worker, so rollouts started from the pages run (e2e/deploy.spec.ts watches them go live).
      // It has no URL: ready once it says so.
      command: 'scripts/n node workers/main.ts',
      wait: { stdout: /"msg":"worker started"/ },
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // NEXTAUTH_URL: production configuration requires it of every process (server/env.ts).
      env: { ...serverEnv, NEXTAUTH_URL: portalURL, LOG_LEVEL: 'info', WORKER_CONCURRENCY: '4' },
    },
    {
      command: 'scripts/n node e2e/oidc-provider.ts',
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 20_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'ignore', // only its development-mode warnings
    },
    {
      command: `scripts/n next start -p ${ssoPortalPort} -H 127.0.0.1`,
      url: `${ssoPortalURL}/sign-in`,
      timeout: 60_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...serverEnv,
        NEXTAUTH_URL: ssoPortalURL,
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: oidcClient.id,
        OIDC_CLIENT_SECRET: oidcClient.secret,
        OIDC_NAME: ssoName,
      },
    },
  ],
});
