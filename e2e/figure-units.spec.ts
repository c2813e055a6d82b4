import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Night attack on the port

Air defence downed 40 aircraft over the bay, the navy said.

The mayor counted 12 craft on the shore by morning.`;

test('the units the analyst has entered are offered when the next figure’s unit is edited', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'port.txt', TEXT);
  await selectText(page, 'downed 40 aircraft');
  await page.keyboard.press('4');
  await selectText(page, '12 craft');
  await page.keyboard.press('4');
  await saved(page);

  const details = page.getByLabel('Annotation details');
  const panel = page.getByRole('list', { name: 'Annotations' });
  await panel.getByRole('listitem').filter({ hasText: 'downed 40 aircraft' }).click();
  const unit = details.getByLabel('Unit');
  await unit.fill('drone');
  await details.getByLabel('Counts').click();
  await saved(page);

  await panel.getByRole('listitem').filter({ hasText: '12 craft' }).click();
  const next = details.getByLabel('Unit');
  // The words are read again as the field takes focus, where the analyst is about to type.
  await next.focus();
  const list = await next.getAttribute('list');
  expect(list).toBeTruthy();
  await expect(page.locator(`datalist[id="${list}"] option`)).toHaveCount(1);
  await expect(page.locator(`datalist[id="${list}"] option[value="drone"]`)).toHaveCount(1);

  // The field's own value is not offered back to it.
  await panel.getByRole('listitem').filter({ hasText: 'downed 40 aircraft' }).click();
  const own = await details.getByLabel('Unit').getAttribute('list');
  await expect(details.getByLabel('Unit')).toHaveValue('drone');
  await expect(page.locator(`datalist[id="${own}"] option[value="drone"]`)).toHaveCount(0);
});
