import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { LedeApp } from '../fixtures/app';
import { BASE_URL } from '../fixtures/site';

// Chrome never offers to install from an incognito window, and Playwright's usual contexts
// are incognito: this test runs in a browser with a profile of its own.
base('the app is installable: its manifest parses, with icons, and a service worker controls it', async ({ playwright, launchOptions }) => {
  const profile = mkdtempSync(join(tmpdir(), 'lede-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, baseURL: BASE_URL });
  try {
    const app = new LedeApp(context.pages()[0] ?? await context.newPage());
    await app.open();
    await app.waitForServiceWorker();
    const cdp = await context.newCDPSession(app.page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${BASE_URL}manifest.webmanifest`);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    expect(app.errors, 'no console errors or failed requests').toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
