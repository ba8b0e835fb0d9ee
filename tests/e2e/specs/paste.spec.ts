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
