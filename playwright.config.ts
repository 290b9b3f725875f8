import { defineConfig, devices } from '@playwright/test';
import { adminStorageState } from './e2e/users.ts';
import { testEnv } from './test/env.ts';

const port = 3100;
const baseURL = `http://127.0.0.1:${port}`;

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
    baseURL,
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
      use: { ...devices['Desktop Chrome'], viewport: { width: 1360, height: 860 }, storageState: adminStorageState },
    },
  ],
  webServer: {
    // The production build, in its own directory so it never collides with `npm run demo`'s .next.
    command: `scripts/n next build && scripts/n next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { ...testEnv, NODE_ENV: 'production', NEXTAUTH_URL: baseURL, DRUCKER_E2E_BUILD: '1' },
  },
});
