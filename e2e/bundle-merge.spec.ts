import { join } from 'node:path';
import { exportCorpus } from '../electron/core/export';
import { importBundle } from '../electron/core/services/bundle';
import { listAnnotations, updateAnnotation } from '../electron/core/store/annotations';
import { openStore } from '../electron/core/store/db';
import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

test('importing a colleague bundle that edited the same annotation shows the conflict and lets the analyst keep one', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'budget.txt', 'Budget vote\n\nThe council approved a transit budget of 48.5 million euros.');
  await selectText(page, '48.5 million euros');
  await page.keyboard.press('4');
  await page.getByLabel('Annotation details').getByLabel('Note').fill('First note');
  await saved(page);

  // The colleague's machine: a library of its own that got this work as a bundle, then edited
  // the same annotation. No channel writes to a path the renderer names, so these are direct core calls.
  const shared = join(workDir, 'shared.spanwise');
  expect((await exportCorpus(host.backend.db, { format: 'bundle', out: shared })).articles).toBe(1);
  const colleague = openStore(join(workDir, 'colleague.db'));
  await importBundle(colleague, shared);
  const [theirs] = colleague.prepare('SELECT id FROM articles').pluck().all() as string[];
  const [annotation] = listAnnotations(colleague, theirs ?? '');
  updateAnnotation(colleague, annotation?.id ?? '', { note: 'Colleague version' });
  const bundle = join(workDir, 'colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle });
  colleague.close();

  // Meanwhile the analyst edits the same annotation differently, then imports the bundle.
  await page.getByLabel('Annotation details').getByLabel('Note').fill('My version');
  await saved(page);
  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('conflicts: 1 annotation edited on both machines: both versions kept');

  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Budget vote/ }).click();
  const rows = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Conflict' })).toHaveCount(2);
  expect((await stored(host)).map((a) => a.note).sort()).toEqual(['Colleague version', 'My version']);

  await rows.filter({ hasText: 'My version' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Another version by' })).toContainText('Colleague version');
  await page.getByRole('button', { name: 'Keep this version' }).click();
  await saved(page);
  await expect(rows).toHaveCount(1);
  expect((await stored(host)).map((a) => [a.note, a.conflictOf])).toEqual([['My version', null]]);

  // The resolved conflict does not come back when the same bundle is imported again.
  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 annotation already the same here');
  await expect(page.getByLabel('Import report')).not.toContainText('conflict');
  expect((await stored(host)).map((a) => [a.note, a.conflictOf])).toEqual([['My version', null]]);
});
