import { expect, test } from './support/fixtures';
import { importArticle, stored } from './support/articles';
import { createEntity, entities, linkedActors, onlyArticleId } from './support/registry';

const TEXT = `Ceasefire holds

The Northern Front said the ceasefire held. Spokesmen for the Front added that patrols continued.

Observers from the Northern Front Coalition were not available.`;

test('two entities are merged in the Actors view, every mention moving; Ctrl+Z undoes the merge; aliases are added and a mention split off', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ceasefire.txt', TEXT);
  const articleId = await onlyArticleId(host);
  const full = await createEntity(host, { name: 'Northern Front', actorKind: 'armed group' });
  const short = await createEntity(host, { name: 'the Front', aliases: ['Front'] });
  await linkedActors(host, articleId, TEXT, 'Northern Front', full.id);
  await linkedActors(host, articleId, TEXT, 'the Front', short.id);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' })).toHaveAttribute('aria-current', 'page');
  const list = page.getByRole('list', { name: 'Actors' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'Northern Front' })).toContainText('2 mentions');

  // The list is one tab stop; the arrows move along it, opening each entity.
  await list.getByRole('listitem').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(list.locator('[aria-current="true"]')).toContainText('the Front');
  await expect(list.locator('[aria-current="true"]')).toBeFocused();

  // Choose "the Front" and merge it into "Northern Front" by type-ahead.
  await list.getByRole('listitem').filter({ hasText: 'the Front' }).click();
  const details = page.getByLabel('Entity details');
  await expect(details.getByRole('heading', { name: 'the Front' })).toBeVisible();
  await details.getByRole('combobox', { name: 'Merge into' }).fill('north');
  await expect(page.getByRole('option', { name: /Northern Front/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(details.getByRole('heading', { name: 'Northern Front' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('3 mentions');
  await expect(details.getByRole('list', { name: 'Aliases' })).toContainText('the Front');
  expect((await stored(host)).filter((a) => a.label === 'actor').every((a) => a.attrs.entityId === full.id)).toBe(true);

  // Undo from the keyboard, outside any field.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  const back = await entities(host);
  expect(back.map((e) => [e.name, e.mentions]).sort()).toEqual([
    ['Northern Front', 2],
    ['the Front', 1],
  ]);
  expect((await stored(host)).find((a) => a.quote === 'the Front')?.attrs.entityId).toBe(short.id);

  // An alias is added from the keyboard, and a mention split off to a new entity (undoable too).
  await list.getByRole('listitem').filter({ hasText: 'Northern Front' }).click();
  await expect(details.getByRole('heading', { name: 'Northern Front' })).toBeVisible();
  await details.getByLabel('New alias').fill('NF');
  await details.getByLabel('New alias').press('Enter');
  await expect(details.getByRole('list', { name: 'Aliases' })).toContainText('NF');
  const coalition = details.getByRole('listitem').filter({ hasText: 'Coalition' });
  await coalition.getByRole('button', { name: 'Split off…' }).click();
  const splitTo = details.getByRole('combobox', { name: 'Split to' });
  await splitTo.fill('Northern Front Coalition');
  await expect(page.getByRole('option', { name: /Create “Northern Front Coalition”/ })).toHaveAttribute('aria-selected', 'true');
  await splitTo.press('Enter');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').filter({ hasText: 'Northern Front Coalition' })).toContainText('1 mention');
  await expect(list.getByRole('listitem').filter({ hasText: /^Northern Front(?! Coalition)/ })).toContainText('1 mention');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect((await entities(host)).find((e) => e.id === full.id)).toMatchObject({ mentions: 2, aliases: ['NF'] });

  // A note typed in is saved as it is typed; one Ctrl+Z takes the whole stretch of typing back.
  await details.getByLabel('Note').pressSequentially('Armed coalition');
  await expect.poll(async () => (await entities(host)).find((e) => e.id === full.id)?.note).toBe('Armed coalition');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await entities(host)).find((e) => e.id === full.id)?.note).toBe('');
  await expect(details.getByLabel('Note')).toHaveValue('');
  expect((await entities(host)).find((e) => e.id === full.id)?.aliases).toEqual(['NF']);

  // Deleting an entity leaves its mention unlinked; Ctrl+Z links it again.
  await list.getByRole('listitem').filter({ hasText: 'the Front' }).click();
  await details.getByRole('button', { name: 'Delete entity' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect((await stored(host)).find((a) => a.quote === 'the Front')?.attrs.entityId).toBeUndefined();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect((await stored(host)).find((a) => a.quote === 'the Front')?.attrs.entityId).toBe(short.id);

  // A mention opens the reader on it.
  await list.getByRole('listitem').filter({ hasText: 'the Front' }).click();
  await details.getByRole('list').getByRole('button', { name: /Open “the Front”/ }).click();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('the Front');
});
