import { LedeApp } from '../fixtures/app';
import { test, expect } from '../fixtures/server';

const SEED_TITLE = "Russia says it will build close ties with North Korea 'in all areas'";

test('after one visit the app opens and analyzes with no network at all', async ({ app, page, context, server }) => {
  await app.open(server.url);
  await expect(page.getByTestId('mention').first()).toBeVisible();
  await app.waitForServiceWorker();
  // An article the user saved while online.
  await app.paste('Saved while online\n\nAngela Merkel met Emmanuel Macron in Paris on Monday.');
  await expect(app.title()).toHaveText('Saved while online');
  await page.getByTestId('library-entry').first().click();
  // Registered relative to the page: its scope is where the app is served (/ or e.g. /lede/).
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(server.url);

  // No network: the browser is offline and the server is gone.
  await server.stop();
  await context.setOffline(true);
  const fromWorker: string[] = [];
  page.on('response', (r) => { if (r.fromServiceWorker()) fromWorker.push(new URL(r.url()).pathname); });
  await page.reload();

  await expect(app.title()).toHaveText(SEED_TITLE);
  await expect(page.getByTestId('mention').first()).toBeVisible();
  expect(fromWorker.some((p) => p.endsWith('.wasm')), `served by the worker: ${fromWorker}`).toBe(true);
  // The saved article is still there, and analyzed.
  await expect(page.getByTestId('library-entry').nth(1)).toContainText('Saved while online');

  // Shown again while offline, the app asks for a new version; the failed check stays silent
  // (the fixture fails the test on any console error or failed request).
  await page.evaluate(async () => {
    document.dispatchEvent(new Event('visibilitychange'));
    // Update jobs of one registration run in order: once this one settles, the app's has too.
    await navigator.serviceWorker.getRegistration().then((r) => r!.update()).catch(() => {});
  });

  await app.paste([
    'Kremlin says talks with Kyiv are on hold',
    'By Jane Doe',
    'October 27, 2023 9:30 AM GMT',
    '',
    'MOSCOW, Oct 27 (Reuters) - The Kremlin said on Friday that peace talks were on hold.',
  ].join('\n'));
  await expect(app.title()).toHaveText('Kremlin says talks with Kyiv are on hold');
  await expect(app.metadata()).toContainText('Jane Doe');
  await expect(page.getByTestId('library-entry')).toHaveCount(3);

  // A new tab, opened while offline, starts from the cache too.
  const tab = new LedeApp(await context.newPage());
  await tab.open(server.url);
  await expect(tab.page.getByTestId('mention').first()).toBeVisible();
  expect(tab.errors, 'no console errors or failed requests in the new tab').toEqual([]);
});
