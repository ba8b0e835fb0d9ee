import { test, expect } from '../fixtures/app';
import AxeBuilder from '@axe-core/playwright';

// axe-core on the main views: no serious or critical violations (WCAG 2 A/AA rules).
async function audit(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the seed analysis view passes axe', async ({ app, page }) => {
  await app.open();
  await audit(page);
});

test('the editor passes axe', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('new-article').click();
  await audit(page);
});

test('dark theme passes axe too', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await audit(page);
});

test('the error card and the cancelled card pass axe, in both themes', async ({ app, page }) => {
  // A worker that fails its first analysis (see worker.spec.ts), so the seed shows the error card.
  let started = 0;
  await page.route('**/lede-worker_loader.js', (route) => {
    started += 1;
    const fail = started === 1 ? '.then(() => wasm_bindgen.failNextForTesting())' : '';
    return route.fulfill({ contentType: 'text/javascript', body: `importScripts("./lede-worker.js");wasm_bindgen("./lede-worker_bg.wasm")${fail};` });
  });
  await page.goto('./');
  await expect(page.getByTestId('analysis-error')).toBeVisible();
  await audit(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await audit(page);
  // The panic the test asked for is reported to the console, as it should be; nothing else.
  await expect.poll(() => app.errors.some((e) => e.includes('failure requested for testing'))).toBe(true);
  expect(app.errors.filter((e) => !e.includes('failure requested for testing'))).toEqual([]);
  app.errors.length = 0;
  await page.getByTestId('retry-analysis').click();
  await expect(app.title()).toBeVisible();
  // A cancelled analysis: a long text, Cancel at once. Varied paragraphs, about 2 MB (as in
  // worker.spec.ts): one sentence repeated is analyzed too fast now to be cancelled reliably.
  await page.getByTestId('new-article').click();
  await page.getByTestId('draft').evaluate((area: HTMLTextAreaElement) => {
    const paragraph = (i: number) =>
      `MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Thursday that President Vladimir Putin would meet North Korean leader Kim Jong Un in Pyongyang. Item ${i}.`;
    area.value = 'Long\n\n' + Array.from({ length: 12_000 }, (_, i) => paragraph(i)).join('\n\n');
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.getByTestId('analyze').click();
  await expect(page.getByTestId('analysis-progress')).toBeVisible();
  await page.getByTestId('cancel-analysis').click();
  await expect(page.getByTestId('analysis-cancelled')).toBeVisible();
  await audit(page);
});

test('keyboard only: Tab reaches the mentions, and their tooltips show on focus', async ({ app, page }) => {
  await app.open();
  const first = page.locator('[data-testid=body] [data-testid=mention]').first();
  await first.focus();
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  const next = page.locator(':focus');
  await expect(next).toHaveAttribute('data-testid', /mention|time/);
  await expect(next).toHaveAttribute('data-tip', /·|resolved/);
});

test('screenshots of the seed analysis for the README', async ({ app, page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await app.open();
  await page.screenshot({ path: '../../docs/screenshots/seed-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '../../docs/screenshots/seed-dark.png' });
  await page.setViewportSize({ width: 380, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: '../../docs/screenshots/seed-phone.png' });
  // Nothing overflows sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
