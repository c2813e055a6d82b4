import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

const ARTICLE = `Border talks resume 🇺🇦 in Geneva

Negotiators 👩‍💼 met on Monday. The ministry said 64 drones were shot down.`;

test('the export dialog writes a REFI-QDA project whose selections point at the spans in code points', async ({ page, host, workDir }) => {
  const source = join(workDir, 'talks.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Border talks resume 🇺🇦 in Geneva');
  await selectText(page, '64 drones');
  await page.keyboard.press('4');
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const out = join(workDir, 'project.qdpx');
  host.setSaveAnswer(out);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /^REFI-QDA project/ }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 1 article and 1 span');

  const entries = unzipSync(readFileSync(out));
  const qde = Buffer.from(entries['project.qde'] as Uint8Array).toString('utf8');
  const path = /plainTextPath="internal:\/\/([^"]+)"/.exec(qde)?.[1] as string;
  const text = Buffer.from(entries[`Sources/${path}`] as Uint8Array).toString('utf8');
  const [, start, end] = /startPosition="(\d+)" endPosition="(\d+)"/.exec(qde) ?? [];
  expect(Array.from(text).slice(Number(start), Number(end)).join('')).toBe('64 drones');
});
