import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

test('cancelling a batch keeps the files imported before the cancel, and the report says which were not imported', async ({ page, host, workDir }) => {
  const folder = join(workDir, 'many');
  mkdirSync(folder);
  // Saved pages take the parser long enough to cancel part-way.
  for (let i = 1; i <= 400; i++) {
    const paragraphs = Array.from({ length: 200 }, (_, p) => `<p>Paragraph ${p} of page ${i} about the Morrow estuary survey and its findings.</p>`).join('');
    writeFileSync(join(folder, `page-${String(i).padStart(3, '0')}.html`), `<html><head><title>Survey page ${i}</title></head><body><article>${paragraphs}</article></body></html>`);
  }
  host.setDialogAnswer([folder]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('value', /^[1-9]/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel import' }).click();

  const report = page.getByLabel('Import report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.locator('strong')).toHaveText(/^Import cancelled: \d+ files? imported before the cancel (was|were) kept \(.*\); \d+ files not imported$/);
  const imported = await report.locator('[data-status="imported"]').count();
  const notImported = await report.locator('[data-status="cancelled"]').count();
  expect(imported).toBeGreaterThan(0);
  expect(notImported).toBeGreaterThan(0);
  expect(imported + notImported).toBe(400);
  await expect(report.locator('strong')).toContainText(`${imported} file`);
  // The report is the truth: exactly the files it calls imported are in the library.
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ ok: true, value: { articles: imported } });
});
