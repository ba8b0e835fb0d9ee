import { test, expect } from '../fixtures/app';

test('a pasted plain-text article gets its metadata', async ({ app, page }) => {
  await app.open();
  await app.paste([
    'Kremlin says talks with Kyiv are on hold',
    'By Jane Doe',
    'October 27, 2023 9:30 AM GMT',
    'https://www.example-news.com/world/kremlin-talks-2023-10-27/',
    '',
    'MOSCOW, Oct 27 (Reuters) - The Kremlin said on Friday that peace talks were on hold.',
    '',
    'Dmitry Peskov told reporters: "There is nothing to discuss."',
  ].join('\n'));
  await expect(app.title()).toHaveText('Kremlin says talks with Kyiv are on hold');
  const meta = app.metadata();
  await expect(meta).toContainText('Jane Doe');
  await expect(meta).toContainText('2023-10-27T09:30:00Z');
  await expect(meta).toContainText('example-news.com');
  await expect(meta).toContainText('MOSCOW · Oct 27 · Reuters');
  await expect(page.getByTestId('library-entry')).toHaveCount(2);
});

test('a pasted article wrapped by hand reads as paragraphs, with names broken across lines whole', async ({ app, page }) => {
  await app.open();
  // As copied from an email or a PDF: wrapped near 70 columns, one blank line between paragraphs.
  await app.paste([
    'Merkel vows to keep coalition together',
    'By Jane Doe',
    '',
    'The German chancellor, Angela Merkel, said on Tuesday that the',
    'government would not raise taxes this year, and that her coalition',
    'partners in the Social Democratic Party were united behind the plan',
    'drawn up by Finance Minister Olaf Scholz.',
    '',
    '"We will not ask more of the people than we must," Merkel told',
    'reporters in Berlin after a meeting with the leaders of the',
    'Christian Social Union. She added that the talks with Emmanuel',
    'Macron would continue next week in Paris.',
  ].join('\n'));
  await expect(app.title()).toHaveText('Merkel vows to keep coalition together');
  await expect(app.metadata()).toContainText('Jane Doe');
  const body = page.getByTestId('body');
  await expect(body.locator('p')).toHaveCount(2);
  await expect(body.locator('[data-testid=mention].ent-PER')).toHaveText(['Angela Merkel', 'Olaf Scholz', 'Merkel', 'Emmanuel Macron']);
  await expect(page.getByTestId('entities-panel')).toContainText('Emmanuel Macron');
});
