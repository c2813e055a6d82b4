import { resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import { marks, selectText } from './support/text';

test('import an article, tag a span, reload, and find the tag again', async ({ page, host, openApp }) => {
  host.setDialogAnswer([resolve('e2e/fixtures/flood.txt')]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('River Vell bursts its banks after three days of rain');

  await selectText(page, 'Mayor Ines Farrow');
  await page.keyboard.press('3');
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(1);
  expect(await marks(page)).toEqual([{ text: 'Mayor Ines Farrow', labels: 'actor', ids: expect.any(String) }]);

  await selectText(page, '120 homes');
  await page.getByRole('button', { name: 'Figure', exact: true }).click();
  await expect(page.locator('mark[data-labels="figure"]')).toHaveText('120 homes');

  // The store, not the page, is the truth: a fresh page finds both tags.
  const fresh = await openApp();
  await fresh.getByRole('option', { name: /River Vell/ }).click();
  await expect(fresh.locator('[aria-label="Article text"] mark')).toHaveCount(2);
  const after = await marks(fresh);
  expect(after.map((m) => [m.text, m.labels]).sort()).toEqual([
    ['120 homes', 'figure'],
    ['Mayor Ines Farrow', 'actor'],
  ]);
  await expect(fresh.getByRole('list', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(2);
});
