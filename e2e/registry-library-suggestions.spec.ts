import { expect, test } from './support/fixtures';
import { importArticle, stored } from './support/articles';
import { createEntity, entities } from './support/registry';

const FIRST = `Grain corridor

Ukraine said the corridor stayed open; Україна asked for escorts.`;
const SECOND = `Port traffic

Ships left Odesa on Friday. Nothing else was reported.`;

test('suggestions across the library run as a background job: found per article, opened, accepted all and undone', async ({ page, host, workDir }) => {
  const ukraine = await createEntity(host, { name: 'Ukraine', aliases: ['Україна'], actorKind: 'state' });
  await importArticle(page, host, workDir, 'grain.txt', FIRST);
  await importArticle(page, host, workDir, 'port.txt', SECOND);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
  const panel = page.getByLabel('Suggestions across the library');
  await panel.getByRole('button', { name: 'Find suggestions in the library' }).click();
  await expect(panel.getByRole('status')).toContainText('2 suggestions in 1 of 2 articles');
  expect(await stored(host)).toHaveLength(0);

  // The article with suggestions opens in the reader, its suggestions drawn.
  await panel.getByRole('list', { name: 'Articles with suggestions' }).getByRole('button', { name: /Grain corridor \(2\)/ }).click();
  await expect(page.locator('[aria-label="Article text"] mark[data-suggestion-id]')).toHaveCount(2);

  // Accepting across the library tags both, and Undo takes them back.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
  await panel.getByRole('button', { name: 'Accept all in the library' }).click();
  await expect(panel.getByRole('status')).toContainText('Tagged 2 and linked 0 mentions in 2 articles');
  expect((await stored(host)).map((a) => [a.quote, a.attrs.entityId])).toEqual([
    ['Ukraine', ukraine.id],
    ['Україна', ukraine.id],
  ]);
  await expect(page.getByRole('list', { name: 'Actors' }).getByRole('listitem')).toContainText('2 mentions');
  await panel.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByRole('status')).toHaveCount(0);
  expect(await stored(host)).toHaveLength(0);
  expect((await entities(host))[0]?.mentions).toBe(0);
});
