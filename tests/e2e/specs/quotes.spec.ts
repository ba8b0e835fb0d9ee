import { test, expect } from '../fixtures/app';

test('quotes panel: choosing a Peskov quote marks it in the text', async ({ app, page }) => {
  await app.open();
  const panel = page.getByTestId('quotes-panel');
  await expect(panel.getByTestId('quote-speaker')).toHaveText(['Russia', 'Russia', 'Dmitry Peskov', 'Dmitry Peskov', 'Dmitry Peskov']);
  await panel.getByTestId('quote').filter({ hasText: "We don't comment on this" }).click();
  await expect(page.locator('.quote.chosen')).toHaveText("We don't comment on this in any way.");
});

test('timeline lists the seed dates resolved against publication', async ({ app, page }) => {
  await app.open();
  const items = page.getByTestId('timeline-panel').getByTestId('timeline-item').locator('strong');
  await expect(items).toHaveText(['September 2023', 'Wed 13 Sep 2023', 'Wed 25 Oct 2023', 'Thu 26 Oct 2023', '20 months']);
  // A time is marked as a date mention, or as a time where no mention holds it.
  const relative = page.getByTestId('body').locator('[data-testid=time], [data-testid=mention]').filter({ hasText: /^a day after$/ });
  await expect(relative).toHaveAttribute('data-tip', /resolved: 2023-10-25/);
});

test('a pasted article gets quotes and entities at once', async ({ app, page }) => {
  await app.open();
  await app.paste('Summit ends without a deal\n\nGENEVA (Reuters) - Talks ended on Friday.\n\n"We will keep talking," Foreign Minister Sergei Lavrov told reporters.');
  await expect(page.getByTestId('quote-speaker')).toHaveText(['Sergei Lavrov']);
  await expect(page.getByTestId('body').locator('[data-testid=mention].ent-PER')).toHaveText(['Sergei Lavrov']);
});
