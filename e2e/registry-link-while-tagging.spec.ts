import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { entities } from './support/registry';
import { selectText } from './support/text';

const TEXT = `Talks in Geneva

Volodymyr Zelensky arrived on Monday. Zelensky said the talks would go on.

Later Зеленський thanked the hosts.`;

test('an actor is linked while tagging, keyboard only: a new entity from the span, then an existing one by type-ahead, undone with Ctrl+Z', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'geneva.txt', TEXT);
  const details = page.getByLabel('Annotation details');
  const field = details.getByRole('combobox', { name: 'Linked entity' });

  // Tag, then L: the field holds the span, and creating an entity from it is the first option.
  await selectText(page, 'Volodymyr Zelensky');
  await page.keyboard.press('3');
  await page.keyboard.press('l');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Volodymyr Zelensky');
  await expect(page.getByRole('option', { name: /Create “Volodymyr Zelensky”/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await saved(page);
  await expect(field).not.toBeFocused();
  await expect(details).toContainText('Linked to Volodymyr Zelensky');
  const [created] = await entities(host);
  expect(created).toMatchObject({ name: 'Volodymyr Zelensky', mentions: 1 });

  // The next mention: type-ahead finds the entity by a later word of its name; Enter links it.
  await selectText(page, 'Zelensky', 1);
  await page.keyboard.press('3');
  await page.keyboard.press('l');
  await expect(field).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('zelen');
  await expect(page.getByRole('option', { name: /Volodymyr Zelensky/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await saved(page);
  await expect(details).toContainText('Linked to Volodymyr Zelensky');
  // The details list the entity's other mention, and jump to it.
  await details.getByRole('list', { name: 'Other mentions' }).getByRole('button', { name: /“Volodymyr Zelensky” \(this article\)/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('Volodymyr Zelensky');
  let actors = (await stored(host)).filter((a) => a.label === 'actor');
  expect(actors.map((a) => [a.quote, a.attrs.entityId])).toEqual([
    ['Volodymyr Zelensky', created?.id],
    ['Zelensky', created?.id],
  ]);

  // Escape closes the list, a second Escape leaves the field; nothing is linked.
  await selectText(page, 'Зеленський');
  await page.keyboard.press('3');
  await page.keyboard.press('l');
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(field).not.toBeFocused();
  await saved(page);
  actors = (await stored(host)).filter((a) => a.label === 'actor');
  expect(actors.find((a) => a.quote === 'Зеленський')?.attrs.entityId).toBeUndefined();

  // Ctrl+Z takes back the tag of "Зеленський", then the link of "Zelensky" (the tag stays).
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await saved(page);
  actors = (await stored(host)).filter((a) => a.label === 'actor');
  expect(actors.map((a) => [a.quote, a.attrs.entityId ?? null])).toEqual([
    ['Volodymyr Zelensky', created?.id],
    ['Zelensky', null],
  ]);
});
