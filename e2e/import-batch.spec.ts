import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

test('a mixed batch with broken files imports the good ones, reports each file, and search finds them', async ({ page, host, workDir }) => {
  const folder = join(workDir, 'batch');
  mkdirSync(folder);
  for (let i = 1; i <= 60; i++) {
    writeFileSync(join(folder, `report-${String(i).padStart(3, '0')}.txt`), `Dispatch number ${i}\n\nThe harbour in Valdris${i} reopened after ${i} days.`);
  }
  // Saved pages take the longest to parse; enough of them keep the progress bar on screen to be seen.
  for (let i = 1; i <= 150; i++) {
    const paragraphs = Array.from({ length: 30 }, (_, p) => `<p>Paragraph ${p} of page ${i} about the Morrow estuary survey and its findings.</p>`).join('');
    writeFileSync(join(folder, `page-${String(i).padStart(3, '0')}.html`), `<html><head><title>Survey page ${i}</title></head><body><article>${paragraphs}</article></body></html>`);
  }
  writeFileSync(join(folder, 'saved-page.html'), `<!doctype html><html lang="en"><head><title>Kestrel bridge reopens</title>
    <script>fetch('http://127.0.0.1:9/x')</script></head><body><nav>Home | World</nav>
    <article><h1>Kestrel bridge reopens</h1><p>The Kestrel bridge reopened to traffic on Sunday after repairs.</p>
    <p>Engineers said the Ñandú-class supports held.</p><img src="http://127.0.0.1:9/pixel.gif" onerror="alert(1)"></article></body></html>`);
  writeFileSync(join(folder, 'notes.md'), '---\ntitle: Quay notes\n---\n\nThe quay at Ostrava closed on **Friday**.\n');
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
  writeFileSync(join(folder, 'broken.jsonl'), '{"title":"Good line","text":"A good line of text."}\n{not json\n');
  writeFileSync(join(folder, 'duplicate.txt'), 'Dispatch number 1\n\nThe harbour in Valdris1 reopened after 1 days.');

  host.setDialogAnswer([folder]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  const report = page.getByLabel('Import report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText('failed');
  await expect(report.locator('[data-status="failed"]')).toHaveCount(2);
  await expect(report.locator('[data-status="failed"]').filter({ hasText: 'empty.txt' })).toContainText('empty');
  await expect(report.locator('[data-status="failed"]').filter({ hasText: 'binary.txt' })).toContainText('binary');
  await expect(report.locator('[data-status="partial"]').filter({ hasText: 'broken.jsonl' })).toContainText('line 2');
  await expect(report.locator('[data-status="duplicate"]')).toHaveCount(1);
  await expect(report.locator('[data-status="imported"]')).toHaveCount(212);

  const stats = await host.backend.dispatch('library/stats', {});
  expect(stats).toMatchObject({ ok: true, value: { articles: 213 } });

  const results = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await page.getByLabel('Search articles').fill('kestrel');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Kestrel bridge reopens');
  await expect(results.first().locator('mark.hit').first()).toHaveText(/Kestrel/i);

  await page.getByLabel('Search articles').fill('nandu');
  await expect(results).toHaveCount(1);
  await page.getByLabel('Search articles').fill('"reopened after 42');
  await expect(results).toHaveCount(1);
});
