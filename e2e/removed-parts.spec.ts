import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

const ARTICLE = [
  'Officials in Kharkiv reported a night of drone attacks on the northern districts of the city.',
  'Overnight, the enemy launched 64 drones at our cities. Our air defence shot down 52 of them.',
  'Repairs continue… pic.twitter.com/Ab12Cd34Ef',
  '— Oleh Synyehubov / Олег Синєгубов (@synegubov) March 3, 2025',
  'ALSO READ: Floods close mountain roads for a second day',
  'Residents of Saltivka told reporters that sirens sounded for more than five hours.',
].join('\n');

test('the signature of an embedded post stays in the text, and what the import removed is listed and can be put back (and undone)', async ({ page, host, workDir }) => {
  const source = join(workDir, 'kharkiv.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  const text = page.getByRole('textbox', { name: 'Article text' });
  await expect(text).toContainText('— Oleh Synyehubov / Олег Синєгубов (@synegubov) March 3, 2025');
  await expect(text).not.toContainText('ALSO READ');

  await page.getByRole('button', { name: 'Edit details' }).click();
  const removed = page.getByRole('region', { name: 'Removed on import' });
  await expect(removed.getByRole('listitem')).toHaveText([/Media link.*pic\.twitter\.com\/Ab12Cd34Ef.*Put back/, /Teaser.*ALSO READ: Floods close mountain roads.*Put back/]);
  await removed.getByRole('button', { name: 'Put back ALSO READ: Floods close mountain roads for a second day' }).click();
  await expect(text).toContainText('March 3, 2025ALSO READ: Floods close mountain roads for a second dayResidents of Saltivka');
  await expect(removed.getByRole('listitem').nth(1)).toContainText('in the text');

  await page.keyboard.press('ControlOrMeta+z');
  await expect(text).not.toContainText('ALSO READ');
  await expect(removed.getByRole('button', { name: 'Put back ALSO READ: Floods close mountain roads for a second day' })).toBeVisible();
});
