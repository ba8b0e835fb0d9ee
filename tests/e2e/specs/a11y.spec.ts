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
