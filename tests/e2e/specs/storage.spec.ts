import { test, expect } from '../fixtures/app';

// Storage that fails: full, disabled (as in some private windows), or holding a damaged
// entry. In each case a clear message, the user's text stays, and what can load loads.

const ARTICLE = 'Kremlin keeps talks on hold\n\nMOSCOW (Reuters) - Dmitry Peskov said on Friday that talks were on hold.';

test('a full storage: a message, the text stays in the editor, and the article is still analyzed', async ({ app, page }) => {
  await page.addInitScript(() => {
    // Every write fails as it does when the origin's quota is used up.
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await app.open();
  await page.getByTestId('new-article').click();
  await page.getByTestId('draft').fill(ARTICLE);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('storage is full');
  await expect(notice).toContainText('the text stays in the editor');
  await expect(page.getByTestId('draft')).toHaveValue(ARTICLE);
  await page.getByTestId('analyze').click();
  await expect(app.title()).toHaveText('Kremlin keeps talks on hold');
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
});

test('storage disabled (private mode): a message, and the app works while the tab is open', async ({ app, page }) => {
  await page.addInitScript(() => {
    // As in browsers that refuse storage to the page: reading localStorage throws.
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await app.open();
  await expect(page.getByTestId('notice')).toContainText('storage is disabled');
  await app.paste(ARTICLE);
  await expect(app.title()).toHaveText('Kremlin keeps talks on hold');
  await expect(page.getByTestId('mention').first()).toBeVisible();
});

test('a damaged saved article is skipped with a message; the others load', async ({ app, page }) => {
  await page.addInitScript((article) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(
      'lede.library',
      JSON.stringify({
        version: 1,
        counter: 2,
        draft: null,
        articles: [{ id: 'user-1', name: 'Kept', text: article }, { id: 'user-2', name: 42 }],
      }),
    );
  }, ARTICLE);
  await app.open();
  await expect(page.getByTestId('notice')).toContainText('Saved article 2 is damaged and was skipped');
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
  await page.getByTestId('library-entry').nth(1).click();
  await expect(app.title()).toHaveText('Kremlin keeps talks on hold');
});

test('an unreadable library is kept aside, not overwritten', async ({ app, page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('lede.library', '{"version": 1, "articles": [ this is not JSON');
  });
  await app.open();
  await expect(page.getByTestId('notice')).toContainText('could not be read');
  const backup = await page.evaluate(() => localStorage.getItem('lede.library.unreadable'));
  expect(backup).toBe('{"version": 1, "articles": [ this is not JSON');
  await expect(app.title()).toHaveText(/Russia says it will build close ties/);
});
