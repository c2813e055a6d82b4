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
