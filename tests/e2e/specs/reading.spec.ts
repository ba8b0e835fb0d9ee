import { test, expect } from '../fixtures/app';
import type { Locator, Page } from '@playwright/test';

/** The index among the body's marks of the one on a paragraph's last line that sits lowest
 * in its paragraph, and of the one that reaches furthest right. */
async function hardMarks(page: Page) {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll('[data-testid=body] [data-testid=mention][tabindex]')];
    let last = -1, right = -1, rightmost = -Infinity;
    marks.forEach((m, i) => {
      const r = m.getBoundingClientRect();
      const p = m.closest('[data-testid=body] > *')!.getBoundingClientRect();
      if (last < 0 && p.bottom - r.bottom < r.height / 2) last = i;
      if (r.right > rightmost) { rightmost = r.right; right = i; }
    });
    return { last, right };
  });
}

/** The tooltip's box (the mark's ::after) and whether every point of it shows the tooltip
 * rather than something painted over it or nothing (clipped away). */
async function tooltip(mark: Locator) {
  return mark.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el, '::after');
    const px = (v: string) => parseFloat(v) || 0;
    const padded = cs.boxSizing !== 'border-box';
    const width = px(cs.width) + (padded ? px(cs.paddingLeft) + px(cs.paddingRight) : 0);
    const height = px(cs.height) + (padded ? px(cs.paddingTop) + px(cs.paddingBottom) : 0);
    const left = r.left + px(cs.left);
    const top = r.bottom + px(cs.marginTop);
    const points = [[0.5, 0.5], [0.05, 0.2], [0.95, 0.2], [0.05, 0.8], [0.95, 0.8]];
    const shown = points.every(([x, y]) => {
      const hit = document.elementFromPoint(left + x * width, top + y * height);
      return hit != null && (hit === el || el.contains(hit));
    });
    return { left, right: left + width, top, bottom: top + height, width, content: cs.content, shown, innerWidth, innerHeight };
  });
}

for (const [name, viewport] of [['desktop', { width: 1400, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`a mark's tooltip is whole and inside the window on a paragraph's last line and at the right edge (${name})`, async ({ app, page }) => {
    await page.setViewportSize(viewport);
    await app.open();
    await expect(page.locator('[data-testid=body] [data-testid=mention]').first()).toBeVisible();
    const { last, right } = await hardMarks(page);
    expect(last, 'a mark on a last line').toBeGreaterThanOrEqual(0);
    for (const i of [last, right]) {
      const mark = page.locator('[data-testid=body] [data-testid=mention][tabindex]').nth(i);
      await mark.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      // A pointer on the desktop; a tap on a phone focuses the mark.
      if (name === 'desktop') await mark.hover();
      else await mark.focus();
      await expect.poll(async () => (await tooltip(mark)).content).toContain('·');
      const tip = await tooltip(mark);
      expect(tip.left, JSON.stringify(tip)).toBeGreaterThanOrEqual(0);
      expect(tip.right, JSON.stringify(tip)).toBeLessThanOrEqual(tip.innerWidth);
      expect(tip.bottom, JSON.stringify(tip)).toBeLessThanOrEqual(tip.innerHeight);
      expect(tip.shown, `the tooltip of mark ${i} is painted whole: ${JSON.stringify(tip)}`).toBe(true);
      await page.mouse.move(0, 0);
      await mark.evaluate((el) => (el as HTMLElement).blur());
    }
  });
}

test('the legend names the kinds plainly and explains colours and underlines', async ({ app, page }) => {
  await app.open();
  await expect(page.getByTestId('legend-item').first()).toHaveText(/^Person \d+$/);
  await expect(page.getByTestId('key')).toContainText('a direct quote');
  await expect(page.getByTestId('key')).toContainText('reported speech');
});

test('Analyze on an empty draft says what to do, and the notice goes with the article', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('new-article').click();
  await page.getByTestId('analyze').click();
  await expect(page.getByTestId('notice')).toContainText('Nothing to analyze yet');
  await page.getByTestId('draft').fill('A short note\n\nThe council met on Tuesday in Leeds.');
  await page.getByTestId('analyze').click();
  await expect(app.title()).toHaveText('A short note');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('a mention clicked or entered in the text chooses its entity in the panel, and the URL keeps it', async ({ app, page }) => {
  await app.open();
  const body = page.getByTestId('body');
  const panel = page.getByTestId('entities-panel');
  // The second mention, low on the screen: choosing its entity leaves the text where it is
  // (a choice in the panel would bring the first mention into view).
  const peskov = body.locator('[data-testid=mention]', { hasText: /^Peskov$/ });
  await peskov.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const before = (await peskov.boundingBox())!.y;
  await peskov.click();
  await expect(panel.locator('[data-testid=entity].chosen')).toContainText('Dmitry Peskov');
  await expect(body.locator('.ent.chosen')).toHaveText(['Dmitry Peskov', 'Peskov']);
  await expect(page).toHaveURL(/entity=\d+/);
  expect(Math.abs((await peskov.boundingBox())!.y - before)).toBeLessThan(1);
  await page.reload();
  await expect(panel.locator('[data-testid=entity].chosen')).toContainText('Dmitry Peskov');
  // Opened from the URL, the choice brings its first mention into view and focuses it.
  await expect(body.locator('.ent.chosen').first()).toBeFocused();
  // Enter on a focused mention chooses another; Enter on a mention of the chosen one clears it.
  const putin = body.locator('[data-testid=mention][tabindex]', { hasText: 'Vladimir Putin' }).first();
  await putin.focus();
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-testid=entity].chosen')).toContainText('Vladimir Putin');
  // The URL follows (its change comes back as an event, which must not undo a later choice).
  await expect(page).toHaveURL(new RegExp(`entity=${await putin.getAttribute('data-entity')}$`));
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-testid=entity].chosen')).toHaveCount(0);
  await expect(page).not.toHaveURL(/entity=/);
});

test('Copy as HTML puts the annotated article on the clipboard as styled HTML and as text', async ({ app, page }) => {
  await app.open();
  // What the page gives the clipboard, read in the same copy event (after lede's listener,
  // which is on the document; the window hears the event last).
  await page.evaluate(() => {
    window.addEventListener('copy', (e) => {
      const d = (e as ClipboardEvent).clipboardData!;
      (window as unknown as { copied: object }).copied = { types: [...d.types], html: d.getData('text/html'), text: d.getData('text/plain') };
    });
  });
  await page.getByTestId('copy-html').click();
  await expect(page.getByTestId('notice')).toContainText('copied');
  const copied = await page.evaluate(() => (window as unknown as { copied: { types: string[]; html: string; text: string } }).copied);
  expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
  // The marks carry their look in their own style, for a document without lede's style sheet.
  const peskov = copied.html.match(/<span[^>]*class="ent[^"]*"[^>]*style="([^"]*)"[^>]*>Dmitry Peskov</);
  expect(peskov?.[1] ?? copied.html.slice(0, 300)).toMatch(/background-color: rgb\(/);
  expect(copied.text).toContain('Russia says it will build close ties with North Korea');
  expect(copied.text).not.toContain('<');
});

test('a skip button takes keyboard and phone readers past the text to the panels', async ({ app, page }) => {
  await app.open();
  const skip = page.getByTestId('skip-to-panels');
  // Beside the text, it shows when Tab reaches it, before the first mark.
  await page.getByTestId('export-json').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())!.width).toBeGreaterThan(40);
  await page.keyboard.press('Enter');
  await expect(page.locator('#panels')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('entity').first()).toBeFocused();
  // On a phone the panels are below the text: the button is in plain sight.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(skip).toBeVisible();
  expect((await skip.boundingBox())!.width).toBeGreaterThan(40);
  await skip.click();
  await expect(page.locator('#panels')).toBeFocused();
  await expect.poll(async () => (await page.locator('#panels').boundingBox())!.y).toBeLessThan(100);
});
