import { test, expect } from '../fixtures/app';

// Analysis runs in a Web Worker (src/ui/analyzer.rs, src/worker.rs): a long article shows
// progress and can be cancelled, the page answers meanwhile, and a crash in the worker costs
// one error card, not the page.

/** About `bytes` of news-like text: names, places, dates and quotes in every paragraph. */
function article(bytes: number): string {
  const paragraph =
    'MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Thursday that President Vladimir Putin ' +
    'would meet North Korean leader Kim Jong Un in Pyongyang. "There are many such reports," Peskov told reporters.';
  const lines = ['A very long article', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = `${paragraph} Item ${i}.`;
    lines.push(p, '');
    size += p.length + 2;
  }
  return lines.join('\n');
}

test('a 2 MB article shows progress and Cancel stops it; the page answers while it is analyzed', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await page.getByTestId('new-article').click();
  // As a paste: the value at once and one input event (typing megabytes key by key takes minutes).
  await page.getByTestId('draft').evaluate((area: HTMLTextAreaElement, text) => {
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, article(2_000_000));
  await page.getByTestId('analyze').click();

  // About two seconds of work in the worker: long enough to see progress and to cancel.
  const progress = page.getByTestId('analysis-progress');
  await expect(progress).toBeVisible();
  await expect(progress.locator('progress')).toBeVisible();
  await page.getByTestId('cancel-analysis').click();
  await expect(page.getByTestId('analysis-cancelled')).toBeVisible();
  await expect(progress).toHaveCount(0);
  // The text is kept: asking again analyzes it, and meanwhile the page answers: the seed
  // (analyzed before, so kept) opens at once.
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
  await page.getByTestId('retry-analysis').click();
  await expect(progress).toContainText(/Reading the article|Finding names|Linking entities/);
  await page.getByTestId('library-entry').first().click();
  await expect(app.title()).toHaveText(/Russia says it will build close ties/);
  await page.getByTestId('library-entry').nth(1).click();
  await expect(app.title()).toHaveText('A very long article', { timeout: 60_000 });
  await expect(page.getByTestId('mention').first()).toBeVisible();
});

test('a crash in the analysis worker shows an error card for that article; Try again recovers', async ({ app, page }) => {
  // The first worker the page starts is told to fail its first analysis (the JS API's
  // failNextForTesting makes the core panic, as a bug would). Later workers load the real
  // loader (from the network or from the service worker, which this route does not see).
  let started = 0;
  await page.route('**/lede-worker_loader.js', async (route) => {
    started += 1;
    const body =
      started === 1
        ? 'importScripts("./lede-worker.js");wasm_bindgen("./lede-worker_bg.wasm").then(() => wasm_bindgen.failNextForTesting());'
        : 'importScripts("./lede-worker.js");wasm_bindgen("./lede-worker_bg.wasm");';
    await route.fulfill({ contentType: 'text/javascript', body });
  });
  await page.goto('./');
  const card = page.getByTestId('analysis-error');
  await expect(card).toBeVisible();
  await expect(card).toContainText('could not be analyzed');
  await expect(card).toContainText('failure requested for testing');
  // The panic hook reported it to the console.
  await expect.poll(() => app.errors.some((e) => e.includes('panicked') && e.includes('failure requested for testing'))).toBe(true);
  // The rest of the app works: the library, the editor, and another analysis.
  await expect(page.getByTestId('library-entry')).toHaveCount(1);
  await page.getByTestId('retry-analysis').click();
  await expect(app.title()).toHaveText(/Russia says it will build close ties/);
  await expect(card).toHaveCount(0);
  await app.paste('Kremlin keeps talks on hold\n\nMOSCOW (Reuters) - Dmitry Peskov said on Friday that talks were on hold.');
  await expect(app.title()).toHaveText('Kremlin keeps talks on hold');
  // The panic was reported to the console (the panic hook); nothing else went wrong.
  const unexpected = app.errors.filter((e) => !/failure requested for testing|unreachable|RuntimeError/.test(e));
  expect(unexpected).toEqual([]);
  app.errors.length = 0;
});

test('a 10 MB paste is refused with a message before it reaches the editor; the page answers', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('new-article').click();
  await page.getByTestId('draft').fill('Kept draft');
  const inserted = await page.getByTestId('draft').evaluate((area: HTMLTextAreaElement) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'A huge paste\n\n' + 'Dmitry Peskov said on Thursday that talks were on hold.\n\n'.repeat(180_000));
    // Not cancelled means the browser would insert it.
    return area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  expect(inserted).toBe(false);
  await expect(page.getByTestId('notice')).toContainText('bytes; lede reads up to 4,194,304 bytes (4 MiB)');
  await expect(page.getByTestId('draft')).toHaveValue('Kept draft');
  await page.getByTestId('library-entry').first().click();
  await expect(app.title()).toHaveText(/Russia says it will build close ties/);
});

test('text over the limit that reaches the analysis is refused with a message above the article', async ({ app, page }) => {
  await app.open();
  // A line longer than any paragraph (minified code or data) is the other limit.
  await app.paste('A title\n\n' + 'x'.repeat(300_000));
  await expect(page.getByTestId('analysis-refused')).toContainText('lede reads lines up to 262,144 bytes');
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
});

test('a worker from another build gets an error card that says so, not an endless wait', async ({ app, page }) => {
  // A stale copy of the worker: it starts, but its answers are not what this page reads.
  await page.route('**/lede-worker_loader.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: 'postMessage(\'{"kind":"ready"}\'); onmessage = () => postMessage(\'{"kind":"done","id":1,"analysis":{"old":"format"}}\');',
    }),
  );
  await page.goto('./');
  await expect(page.getByTestId('analysis-error')).toContainText('does not match this page');
  await expect(page.getByTestId('library-entry')).toHaveCount(1);
  expect(app.errors).toEqual([]);
});
