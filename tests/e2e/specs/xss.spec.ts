import { test, expect } from '../fixtures/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Known XSS payloads (OWASP cheat-sheet style), pasted as text and as a web page's
// HTML: nothing runs, no dialog opens, no request leaves the page, and the only
// links rendered are http, https or mailto with rel="noopener noreferrer".
const payloads = readFileSync(join(__dirname, '../fixtures/xss-payloads.txt'), 'utf8').split('\n').filter((l) => l.trim());

test.describe('hostile input never executes', () => {
  const incidents: string[] = [];
  test.beforeEach(async ({ page }) => {
    incidents.length = 0;
    page.on('dialog', async (d) => { incidents.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') incidents.push(`a request left the page: ${r.url()}`);
    });
  });

  async function checkSafe(page: import('@playwright/test').Page) {
    // Let any event handler a payload might have planted fire before looking.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect(incidents).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const body = page.getByTestId('body');
    for (const href of await body.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]))) {
      expect(href[0]).toMatch(/^(https?:|mailto:)/i);
      expect(href[1]).toBe('noopener noreferrer');
    }
    expect(await body.locator('script, iframe, img, svg, object, embed, form, style, link, base, meta').count()).toBe(0);
  }

  test('the page forbids inline and remote script (Content-Security-Policy)', async ({ app, page }) => {
    await app.open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test(`${payloads.length} payloads typed as an article`, async ({ app, page }) => {
    await app.open();
    await app.paste(['Hostile payloads', ...payloads].join('\n\n'));
    await expect(app.title()).toHaveText('Hostile payloads');
    await checkSafe(page);
  });

  test(`${payloads.length} payloads pasted as a web page's HTML`, async ({ app, page }) => {
    await app.open();
    await page.getByTestId('new-article').click();
    await page.getByTestId('draft').focus();
    await page.evaluate((html) => {
      const d = new DataTransfer();
      d.setData('text/html', html);
      document.querySelector('[data-testid=draft]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
    }, `<h1>Hostile page</h1>${payloads.map((p) => `<p>${p}</p>`).join('')}`);
    await page.getByTestId('analyze').click();
    await expect(app.title()).toHaveText('Hostile page');
    await checkSafe(page);
  });

  test('each payload alone, as the whole article', async ({ app, page }) => {
    await app.open();
    for (const p of payloads.slice(0, 12)) {
      await app.paste(p);
      await checkSafe(page);
    }
  });
});
