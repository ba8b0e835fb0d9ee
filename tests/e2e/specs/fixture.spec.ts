import { LedeApp } from '../fixtures/app';
import { test, expect } from '../fixtures/server';

// The fixture fails every spec on a console error or a failed request. These hold it to its
// one exception: a request the browser cancels because the page loads a new document.

test('a request cancelled by a reload is not an error; a failed one is', async ({ browser, server }) => {
  const page = await browser.newPage();
  const app = new LedeApp(page);
  // Hold the favicon back, so that it is still in flight when the page reloads.
  let held = 0;
  await page.route('**/icon-*.svg', async (route) => {
    held += 1;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue().catch(() => {});
  });
  await app.open(server.url);
  await page.evaluate(() => { location.hash = '#held'; });
  await expect.poll(() => held).toBeGreaterThan(0);
  await page.reload();
  await expect(app.title()).toBeVisible();
  expect(app.errors).toEqual([]);

  // The same page, asking for something that fails without any navigation, is caught.
  await page.unroute('**/icon-*.svg');
  await page.route('**/missing.txt', (route) => route.abort('failed'));
  await page.evaluate((u) => fetch(new URL('missing.txt', u)).catch(() => {}), server.url);
  await expect.poll(() => app.errors).toContainEqual(expect.stringMatching(/^request failed: .*missing\.txt net::ERR_FAILED$/));
  await page.close();
});
