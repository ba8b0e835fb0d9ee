import { test, expect } from '../fixtures/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

test('a news page copied as text: buttons left out, byline, publisher, caption and its credit filed', async ({ app, page }) => {
  await app.open();
  await app.paste(readFileSync(join(__dirname, '../../inputs/web-copy.txt'), 'utf8'));
  await expect(app.title()).toHaveText('Nvidia becomes first company worth $5tn');
  const meta = app.metadata();
  await expect(meta).toContainText('Osmond Chia');
  await expect(meta).toContainText('BBC News');
  await expect(meta).toContainText('2025-10-29');
  await expect(page.getByTestId('photo-credit')).toContainText('Getty Images');
  // The credit line and the caption, each shown as a caption, without their labels.
  await expect(page.getByTestId('caption')).toHaveText(['Getty Images', "Nvidia boss Jensen Huang has become one of the world's richest people"]);
  const body = page.getByTestId('body');
  await expect(body.locator('p:not(.caption)')).toHaveCount(4);
  await expect(body).not.toContainText('Image caption');
  await expect(body).not.toContainText('Related topics');
});

test('a forwarded email and a PDF column read as the articles they hold', async ({ app, page }) => {
  await app.open();
  // The article quoted with "> " under a forwarding header: the header is left out, the
  // quote marks are removed (one finding), and the byline and dateline are the article's.
  await app.paste(readFileSync(join(__dirname, '../../inputs/forwarded-email.txt'), 'utf8'));
  await expect(app.title()).toHaveText('Ministers agree new border plan');
  const meta = app.metadata();
  await expect(meta).toContainText('Jane Smith');
  await expect(meta).toContainText('LONDON · Oct 26 · Reuters');
  const body = page.getByTestId('body');
  await expect(body).not.toContainText('Forwarded message');
  await expect(body).not.toContainText('> ');
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('finding')).toContainText('Email quoting');
  // A narrow PDF column: hyphenated words joined, each a finding marked in the text.
  await app.paste(readFileSync(join(__dirname, '../../inputs/pdf-copy.txt'), 'utf8'));
  await expect(page.getByTestId('finding')).toHaveCount(6);
  await expect(page.getByTestId('finding').first()).toContainText('Word broken across lines');
  await expect(body.locator('p')).toHaveCount(3);
  await expect(body.getByTestId('finding-mark').first()).toHaveText('arrangement');
  await expect(page.getByTestId('entities-panel')).toContainText('Downing Street');
});
