import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { selectText } from './support/text';

test('search inside annotations by quote or note, filtered by label, and open the hit', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'talks.txt', 'Talks stall\n\nGovernment spokesperson Aleksandra Voronova rejected the figure of 400 detainees.');
  await selectText(page, 'Aleksandra Voronova');
  await page.keyboard.press('3');
  await selectText(page, '400 detainees');
  await page.keyboard.press('4');
  // The details follow the new figure in the frame after its highlight is painted; the note is its own.
  await expect(page.getByLabel('Annotation details').getByLabel('Label')).toHaveValue('figure');
  await page.getByLabel('Annotation details').getByLabel('Note').fill('Coalition says closer to 650');
  await saved(page);

  await page.getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Annotations' }).click();
  const results = page.getByRole('listbox', { name: 'Annotation results' }).getByRole('option');
  await page.getByLabel('Search articles').fill('coalition');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('400 detainees');
  await expect(results.first().locator('mark.hit')).toHaveText('Coalition');

  await page.getByLabel('Search articles').fill('voronova');
  await expect(results).toHaveCount(1);
  await page.getByLabel('Has label').selectOption('figure');
  await expect(results).toHaveCount(0);
  await page.getByLabel('Has label').selectOption('actor');
  await expect(results).toHaveCount(1);

  await results.first().click();
  await expect(page.getByLabel('Annotation details').getByLabel('Label')).toHaveValue('actor');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('Aleksandra Voronova');
});
