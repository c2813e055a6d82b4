import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

test('"Add folder…" imports every article in the folder the picker answers', async ({ page, host, workDir }) => {
  const folder = join(workDir, 'reports');
  mkdirSync(join(folder, 'older'), { recursive: true });
  writeFileSync(join(folder, 'ferry.txt'), 'Ferry crossing reopens\n\nThe Varna ferry crossing reopened after the storm.');
  writeFileSync(join(folder, 'older', 'grain.md'), '# Grain corridor talks\n\nNegotiators met in Istanbul to discuss the corridor.');

  host.setDialogAnswer([folder]);
  await page.getByRole('button', { name: 'Add folder…' }).click();
  const report = page.getByLabel('Import report');
  await expect(report.locator('[data-status="imported"]')).toHaveCount(2);
  const articles = page.getByRole('listbox', { name: 'Articles' });
  await expect(articles.getByRole('option', { name: /Ferry crossing reopens/ })).toBeVisible();
  await expect(articles.getByRole('option', { name: /Grain corridor talks/ })).toBeVisible();
});
