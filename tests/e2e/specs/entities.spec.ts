import { test, expect } from '../fixtures/app';

test('the seed is annotated with entities; choosing one marks its mentions', async ({ app, page }) => {
  await app.open();
  const body = page.getByTestId('body');
  await expect(body.locator('[data-testid=mention].ent-PER', { hasText: 'Dmitry Peskov' })).toHaveAttribute('data-tip', /Person · Dmitry Peskov · role: Kremlin spokesman/);
  await expect(body.locator('[data-testid=mention].ent-NORP').first()).toHaveText('Russian');
  await expect(body.locator('[data-testid=mention].ent-GPE', { hasText: 'Pyongyang' })).toBeVisible();

  const panel = page.getByTestId('entities-panel');
  await panel.getByTestId('entity').filter({ hasText: 'Vladimir Putin' }).click();
  await expect(page.locator('.ent.chosen')).toHaveText(['Putin', 'Vladimir Putin', 'Vladimir Putin']);
  await expect(page.locator('.ent.chosen').first()).toBeFocused();
});

test('the legend switches a type off and on', async ({ app, page }) => {
  await app.open();
  const toggle = page.getByTestId('legend-item').filter({ hasText: 'Country, city or state' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-testid=mention].ent-GPE:not(.off)')).toHaveCount(0);
  await toggle.click();
  await expect(page.locator('[data-testid=mention].ent-GPE:not(.off)').first()).toBeVisible();
});
