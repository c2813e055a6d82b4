import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

const ARTICLE = 'Substation repaired\r\n\r\nOfficials said power was restored by “morning”.\r\n';

test('the article details show where it came from and save its original file byte for byte', async ({ page, host, workDir }) => {
  const source = join(workDir, 'substation.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Substation repaired');
  await page.getByRole('button', { name: 'Edit details' }).click();
  const provenance = page.getByRole('region', { name: 'Provenance' });
  await expect(provenance).toContainText('substation.txt');
  await expect(provenance).toContainText(createHash('sha256').update(ARTICLE).digest('hex'));
  await expect(provenance).toContainText('txt');
  const out = join(workDir, 'saved-original.txt');
  host.setSaveAnswer(out);
  await provenance.getByRole('button', { name: 'Save original…' }).click();
  await expect(provenance.getByRole('status')).toContainText(`Saved ${Buffer.byteLength(ARTICLE)} bytes`);
  expect(readFileSync(out, 'utf8')).toBe(ARTICLE);
});
