import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

const ARTICLE = `Border talks resume 🇺🇦 in Geneva

Negotiators 👩‍💼 met on Monday. The ministry said 64 drones were shot down.`;

/** Code point slice: what every export's offsets count. */
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

test('export through the dialog writes files whose offsets point at the spans', async ({ page, host, workDir }) => {
  const source = join(workDir, 'talks.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Border talks resume 🇺🇦 in Geneva');

  await selectText(page, 'Negotiators');
  await page.keyboard.press('3');
  await selectText(page, '64 drones');
  await page.keyboard.press('4');
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  for (const format of ['jsonl', 'csv'] as const) {
    const out = join(workDir, `export.${format}`);
    host.setSaveAnswer(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: new RegExp(`^${format === 'jsonl' ? 'JSONL' : 'CSV'}`) }).check();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 1 articles and 2 spans');
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  const line = JSON.parse(readFileSync(join(workDir, 'export.jsonl'), 'utf8').trim()) as {
    text: string;
    spans: { start: number; end: number; label: string; text: string; attrs: Record<string, unknown> }[];
    meta: { offset_unit: string };
  };
  expect(line.meta.offset_unit).toBe('codepoint');
  expect(line.spans.map((s) => [s.label, s.text]).sort()).toEqual([
    ['ACTOR', 'Negotiators'],
    ['FIGURE', '64 drones'],
  ]);
  for (const s of line.spans) expect(slice(line.text, s.start, s.end)).toBe(s.text);
  expect(line.spans.find((s) => s.label === 'FIGURE')?.attrs).toMatchObject({ value: 64 });

  const csv = readFileSync(join(workDir, 'export.csv'), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('64 drones');
  // Nothing but the two exports (no temporary left behind) in the folder.
  expect(readdirSync(workDir).filter((f) => f.startsWith('export') || f.includes('partial')).sort()).toEqual(['export.csv', 'export.jsonl']);
});
