import { test, expect } from '../fixtures/server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

// A news site's whole page: a form around everything, a skip link, a cookie banner, menus, a
// header clock a week off, a share bar, an in-article "Related" box and a "Read more"
// button, comments, teasers and a footer; JSON-LD and OpenGraph in its head.
const PAGE = readFileSync(join(__dirname, '../../inputs/news-page.html'), 'utf8');
const TITLE = 'Ministers agree new border plan after all-night talks';

/** Pastes `html` into the editor as a browser pastes a selection copied from a page. */
async function pasteHtml(page: Page, html: string) {
  await page.getByTestId('draft').focus();
  await page.evaluate((html) => {
    const d = new DataTransfer();
    d.setData('text/html', html);
    d.setData('text/plain', 'the page as text');
    document.querySelector('[data-testid=draft]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, html);
}

/** The story, its metadata and none of the page's chrome. */
async function expectTheStory(page: Page) {
  await expect(page.getByTestId('title')).toHaveText(TITLE);
  const meta = page.getByTestId('metadata-panel');
  await expect(meta).toContainText('Jane Smith');
  await expect(meta).toContainText('2024-03-14');
  await expect(meta).toContainText('The Example Times');
  const body = page.getByTestId('body');
  await expect(body).toContainText('European ministers agreed a new plan');
  // The paragraphs after the "Related" box and the "Read more" button are the story's.
  await expect(body).toContainText('The parliament is expected to vote on the plan in April');
  for (const chrome of ['Skip to main content', 'cookies', 'Subscribe', 'Trending', 'Comments', 'Ten things to do', 'All rights reserved', 'LinkedIn', 'Border talks stall']) {
    await expect(body).not.toContainText(chrome);
  }
}

test('a whole page pasted as HTML becomes its article in Markdown, then the story with its metadata', async ({ app, page, server }) => {
  await app.open(server.url);
  await page.getByTestId('new-article').click();
  await pasteHtml(page, PAGE);
  const draft = page.getByTestId('draft');
  await expect(draft).toHaveValue(new RegExp(`^# ${TITLE}\\n\\n\\*\\*The Example Times\\*\\*`));
  await expect(draft).toHaveValue(/\n\*\*By Jane Smith\*\*\n/);
  await expect(draft).not.toHaveValue(/Skip to main content|<script|cookies/);
  await page.getByTestId('analyze').click();
  await expectTheStory(page);
});

test('a saved page dropped on the library is read as its article, offline too', async ({ app, page, context, server }) => {
  await app.open(server.url);
  await app.waitForServiceWorker();
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(app.title()).toBeVisible();
  const dt = await page.evaluateHandle((html) => {
    const d = new DataTransfer();
    d.items.add(new File([html], 'border-plan.html', { type: 'text/html' }));
    return d;
  }, PAGE);
  await page.getByTestId('library').dispatchEvent('drop', { dataTransfer: dt });
  await expectTheStory(page);
  // Pasted while offline, the page is read in the worker all the same.
  await page.getByTestId('new-article').click();
  await pasteHtml(page, PAGE);
  await expect(page.getByTestId('draft')).toHaveValue(new RegExp(`^# ${TITLE}`));
});
