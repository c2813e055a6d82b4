import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Skywatch and the ministry

Skywatch Analytics counted 58 interceptions. The ministry rejected Skywatch figures.

Skywatchers disagreed; Skywatch said it would publish its data.`;

test('tag all occurrences tags every other whole-word occurrence in one undoable step', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'skywatch.txt', TEXT);
  await selectText(page, 'Skywatch', 1);
  await page.keyboard.press('3');
  await saved(page);
  const details = page.getByLabel('Annotation details');
  await details.getByLabel('Canonical name').fill('Skywatch Analytics');
  await details.getByLabel('Kind').selectOption('organisation');
  await saved(page);

  // Three other whole-word occurrences: in the title, before "Analytics", and before "said"; "Skywatchers" is not one.
  await details.getByRole('button', { name: 'Tag all occurrences (3)' }).click();
  await saved(page);
  const all = await stored(host);
  expect(all).toHaveLength(4);
  expect(all.every((a) => a.quote === 'Skywatch' && a.label === 'actor')).toBe(true);
  expect(all.every((a) => a.attrs.canonicalName === 'Skywatch Analytics' && a.attrs.kind === 'organisation')).toBe(true);
  await expect(page.locator('[aria-label="Article text"] mark[data-labels="actor"]')).toHaveCount(4);

  await page.locator('[aria-label="Article text"]').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await saved(page);
  expect(await stored(host)).toHaveLength(1);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(1);
});
