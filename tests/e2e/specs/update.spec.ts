import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/server';
import { MOUNT } from '../fixtures/site';

/**
 * Deploys a "new version" into the served folder the way a build would: a changed
 * index.html, then the precache list and version rewritten by the build's own hook.
 */
function deployNewVersion(dir: string) {
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '<meta name="lede-test-build" content="2"></head>'));
  execFileSync(process.execPath, [join(__dirname, '../../../scripts/precache.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: MOUNT },
    stdio: 'ignore',
  });
}

test('a new version waits, the open app offers it, and Reload switches to it whole', async ({ app, page, server }) => {
  const newBuild = page.locator('meta[name=lede-test-build]');
  await app.open(server.url);
  await app.waitForServiceWorker();
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  deployNewVersion(server.dir);
  // What the open app does when it is shown again or every hour: ask for a new version.
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())!.update(); });
  await expect(page.getByTestId('update-banner')).toHaveText('A new version of lede is ready.', { timeout: 15_000 });

  // A plain reload keeps the old version whole: the new one waits for the user.
  await page.reload();
  await expect(app.title()).toBeVisible();
  await expect(newBuild).toHaveCount(0);
  await expect(page.getByTestId('update-banner')).toBeVisible();

  await page.getByTestId('reload').click();
  await expect(newBuild).toHaveCount(1);
  await expect(app.title()).toBeVisible();
  await expect(page.getByTestId('mention').first()).toBeVisible();
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  // The old version's cache is gone.
  expect(await page.evaluate(() => caches.keys())).toHaveLength(1);
});
