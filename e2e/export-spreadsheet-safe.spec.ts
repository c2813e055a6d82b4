import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

const ARTICLE = `Officials quoted a formula

The post read =HYPERLINK("http://x") and nothing else.`;

test('the export dialog makes a CSV spreadsheet-safe by default and says so', async ({ page, host, workDir }) => {
  const source = join(workDir, 'formula.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Officials quoted a formula');
  await selectText(page, '=HYPERLINK("http://x")');
  await page.keyboard.press('2');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const exportCsv = async (out: string, safe: boolean) => {
    host.setSaveAnswer(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog.getByRole('checkbox', { name: /^Spreadsheet-safe/ })).toHaveCount(0);
    await dialog.getByRole('radio', { name: /^CSV/ }).check();
    const option = dialog.getByRole('checkbox', { name: /^Spreadsheet-safe/ });
    await expect(option).toBeChecked();
    if (!safe) await option.uncheck();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 1 article and 1 span');
    const summary = await dialog.getByRole('status').textContent();
    await dialog.getByRole('button', { name: 'Close' }).click();
    return { csv: readFileSync(out, 'utf8'), summary: summary ?? '' };
  };

  const safe = await exportCsv(join(workDir, 'safe.csv'), true);
  expect(safe.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  expect(safe.summary).toContain('spreadsheet-safe: 1 cell starting with =');
  const plain = await exportCsv(join(workDir, 'plain.csv'), false);
  expect(plain.csv).toContain(`"=HYPERLINK(""http://x"")"`);
  expect(plain.summary).not.toContain('spreadsheet-safe');
});
