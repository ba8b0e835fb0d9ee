import { test, expect } from '../fixtures/app';
import AxeBuilder from '@axe-core/playwright';

// The sources panel: who the article quotes, and their quotes marked in the text on choice.

test('sources panel: choosing Peskov marks his three quotes in the text', async ({ app, page }) => {
  await app.open();
  const panel = page.getByTestId('sources-panel');
  await expect(panel.getByTestId('source-name')).toHaveText(['Dmitry Peskov', 'Russia']);
  await expect(panel.getByTestId('source-detail').first()).toContainText('3 quotes, 59 quoted words');
  await expect(panel.getByTestId('sources-summary')).toHaveText('2 named · 0 unnamed · 1 organisation');
  await panel.getByTestId('source').filter({ hasText: 'Dmitry Peskov' }).click();
  await expect(panel.getByTestId('source').first()).toHaveAttribute('aria-pressed', 'true');
  // A quote is drawn in pieces where names cut it: count the quotes.
  const quotes = await page.locator('.quote.chosen').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-quote')))]);
  expect(quotes).toHaveLength(3);
  await expect(page.locator('.quote.chosen').last()).toHaveText("We don't comment on this in any way.");
  // Choosing it again clears the marks.
  await panel.getByTestId('source').filter({ hasText: 'Dmitry Peskov' }).click();
  await expect(page.locator('.quote.chosen')).toHaveCount(0);
});

test('sources panel: unnamed sources of a pasted article are counted as such', async ({ app, page }) => {
  await app.open();
  await app.paste(
    'Talks resume\n\n"The door is still open for talks," a senior official said.\n\n"We will see," people familiar with the matter said.\n\n"Nothing is agreed," Foreign Minister Sergei Lavrov told reporters.',
  );
  const panel = page.getByTestId('sources-panel');
  await expect(panel.getByTestId('source-name')).toHaveText(['a senior official', 'people familiar with the matter', 'Sergei Lavrov']);
  await expect(panel.getByTestId('sources-summary')).toHaveText('1 named · 2 unnamed');
});

test('sources panel works at phone width and passes axe', async ({ app, page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await app.open();
  const panel = page.getByTestId('sources-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toBeVisible();
  // Nothing wider than the screen.
  const width = await panel.evaluate((el) => el.getBoundingClientRect().right);
  expect(width).toBeLessThanOrEqual(360);
  await panel.getByTestId('source').first().click();
  await expect(page.locator('.quote.chosen').first()).toBeInViewport();
  const result = await new AxeBuilder({ page }).include('[data-testid=sources-panel]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => v.id)).toEqual([]);
});
