import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { createEntity } from './support/registry';
import { selectText } from './support/text';

const TEXT = `Talks resume

Delegations met in Genf on Monday to resume the talks.`;

test("an event's location is linked to a place of the registry by one of its aliases; undo unlinks it", async ({ page, host, workDir }) => {
  const geneva = await createEntity(host, { kind: 'place', name: 'Geneva', aliases: ['Genf', 'Genève'] });
  await importArticle(page, host, workDir, 'talks.txt', TEXT);
  await selectText(page, 'Delegations met in Genf');
  await page.keyboard.press('1');
  await saved(page);
  const field = page.getByLabel('Annotation details').getByRole('combobox', { name: 'Linked place' });
  await field.fill('genf');
  await expect(page.getByRole('option', { name: /Geneva/ })).toHaveAttribute('aria-selected', 'true');
  await field.press('Enter');
  await saved(page);
  await expect(page.getByLabel('Annotation details')).toContainText('Linked to Geneva');
  let [event] = await stored(host);
  expect(event?.attrs).toMatchObject({ locationEntityId: geneva.id, location: 'Geneva' });

  await page.keyboard.press('Control+z');
  await saved(page);
  [event] = await stored(host);
  expect(event?.attrs.locationEntityId).toBeUndefined();
  expect(event?.attrs.location).toBeUndefined();
});
