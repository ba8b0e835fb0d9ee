import { defineConfig } from '@playwright/test';
import { BASE_URL, DIST, MOUNT, PORT } from './fixtures/site';

// The release build (dist/, made by `make dist`) served locally, in Debian's Chromium.
// E2E_DIST / E2E_MOUNT / E2E_PORT (fixtures/site.ts) test a build served under a sub-path.
export default defineConfig({
  testDir: './specs',
  timeout: 30_000,
  // One more try for a spec that fails: Playwright reports a spec that passed only then as
  // flaky, by name, and a spec that fails twice fails the run.
  retries: 1,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node serve.mjs ${PORT} ${DIST} ${MOUNT}`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
