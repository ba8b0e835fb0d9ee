import { defineConfig } from '@playwright/test';

// The release build (dist/, made by `make dist`) served locally, in Debian's Chromium.
export default defineConfig({
  testDir: './specs',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:8181',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'node serve.mjs 8181 ../../dist',
    url: 'http://127.0.0.1:8181/',
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
