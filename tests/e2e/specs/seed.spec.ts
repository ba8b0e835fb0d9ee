import { test, expect } from '../fixtures/app';

test('opens on the bundled seed, parsed and rendered', async ({ app, page }) => {
  await app.open();
  await expect(app.title()).toHaveText("Russia says it will build close ties with North Korea 'in all areas'");
  await expect(page.getByTestId('publisher')).toHaveText('Reuters');
  await expect(page.getByTestId('published')).toHaveAttribute('datetime', '2023-10-26T10:15:00');
  const body = page.getByTestId('body');
  await expect(body).toContainText('Russia said on Thursday that it planned to build close ties');
  await expect(body).toContainText('Reporting by Reuters; Writing by Mark Trevelyan Editing by Andrew Osborn');
  await expect(page.getByTestId('image-alt')).toContainText("North Korea's leader Kim meet in Amur region");
  await expect(page.getByTestId('caption')).toContainText('Vostochny Cosmodrome');
  await expect(body.getByRole('link', { name: 'condemned' })).toHaveAttribute('href', /skorea-japan-us-condemn/);
  await expect(page.getByTestId('library-entry')).toHaveCount(1);
});

test('shows the two integrity findings of the seed', async ({ app, page }) => {
  await app.open();
  const findings = page.getByTestId('finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText('Mojibake');
  await expect(findings.nth(1)).toContainText('Mixed-script word');
  await expect(page.getByTestId('finding-mark')).toHaveText('Cosmodrome');
});
