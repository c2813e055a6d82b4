import { join } from 'node:path';
import { exportCorpus } from '../electron/core/export';
import { importBundle } from '../electron/core/services/bundle';
import { insertAnnotation } from '../electron/core/store/annotations';
import { openStore } from '../electron/core/store/db';
import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Bridge closure

The ministry said the bridge would stay closed until March.`;

test('an import that leaves the open article alone keeps its undo history', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'bridge.txt', TEXT);
  await selectText(page, 'The ministry');
  await page.keyboard.press('3');
  await saved(page);
  expect(await stored(host)).toHaveLength(1);

  // The same file again: a duplicate, which changes nothing in the open article.
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 duplicate');

  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeEnabled();
  await undo.click();
  await saved(page);
  expect(await stored(host)).toHaveLength(0);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(0);
});

test('a bundle that changes the open article reopens it once the edits on their way are stored', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'bridge.txt', TEXT);
  // A colleague's library with this article and one annotation of theirs, sent back as a bundle.
  // No channel writes to a path the renderer names, so these are direct core calls.
  const shared = join(workDir, 'shared.spanwise');
  await exportCorpus(host.backend.db, { format: 'bundle', out: shared });
  const colleague = openStore(join(workDir, 'colleague.db'));
  await importBundle(colleague, shared);
  const theirs = colleague.prepare('SELECT id FROM articles').pluck().get() as string;
  const at = TEXT.indexOf('the bridge');
  insertAnnotation(colleague, { articleId: theirs, label: 'event', start: at, end: at + 'the bridge'.length, quote: 'the bridge', author: 'colleague' });
  const bundle = join(workDir, 'colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle });
  colleague.close();

  // The analyst's tag is still on its way when the bundle's merge reopens the article.
  const release = host.hold(['annotations/createMany']);
  await selectText(page, 'The ministry');
  await page.keyboard.press('3');
  await expect(page.locator('.save-state')).toHaveText('Saving…');
  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report').locator('[data-status="imported"]').filter({ hasText: 'colleague.spanwise' })).toBeVisible();
  release();
  await saved(page);
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveText(['The ministry', 'the bridge']);
  expect((await stored(host)).map((a) => a.quote)).toEqual(['The ministry', 'the bridge']);
});
