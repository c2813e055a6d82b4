import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { createEntity, entities } from './support/registry';

const TEXT = `Border crossing reopens

Ukraine and Poland agreed on Tuesday. Ukrainian drivers welcomed it; Україна said more would follow.

Officials in Poland confirmed the plan, and Ukraine thanked them.`;

test('suggestions from the registry are drawn as dashed marks, rejected, accepted, and accepted all in one undoable step', async ({ page, host, workDir }) => {
  const ukraine = await createEntity(host, { name: 'Ukraine', aliases: ['Україна'], actorKind: 'state' });
  const poland = await createEntity(host, { name: 'Poland', actorKind: 'state' });
  await importArticle(page, host, workDir, 'border.txt', TEXT);
  const text = page.locator('[aria-label="Article text"]');
  const suggested = text.locator('mark[data-suggestion-id]');

  // Ukraine twice, Україна, Poland twice; never "Ukrainian".
  await expect(suggested).toHaveCount(5);
  expect(await suggested.allTextContents()).toEqual(['Ukraine', 'Poland', 'Україна', 'Poland', 'Ukraine']);
  // Proposals, not annotations: nothing is stored, and they carry no annotation ids.
  expect(await stored(host)).toHaveLength(0);
  await expect(text.locator('mark[data-suggestion-id][data-annotation-ids]')).toHaveCount(0);

  // Reject the first Poland: it goes and stays gone.
  await suggested.filter({ hasText: 'Poland' }).first().click();
  const box = page.getByLabel('Suggestions');
  await expect(box).toContainText('“Poland”');
  await box.getByRole('button', { name: 'Reject suggestion' }).click();
  await expect(suggested).toHaveCount(4);

  // Accept Україна: an actor linked to Ukraine takes its place.
  await suggested.filter({ hasText: 'Україна' }).click();
  await box.getByRole('button', { name: 'Accept suggestion' }).click();
  await saved(page);
  await expect(suggested).toHaveCount(3);
  let actors = await stored(host);
  expect(actors.map((a) => [a.label, a.quote, a.attrs.entityId])).toEqual([['actor', 'Україна', ukraine.id]]);

  // Accept all: the rest, one step; one Ctrl+Z takes them all back, and they are proposed again.
  await box.getByRole('button', { name: 'Accept all' }).click();
  await saved(page);
  await expect(suggested).toHaveCount(0);
  actors = await stored(host);
  expect(actors.map((a) => [a.quote, a.attrs.entityId])).toEqual([
    ['Ukraine', ukraine.id],
    ['Україна', ukraine.id],
    ['Poland', poland.id],
    ['Ukraine', ukraine.id],
  ]);
  await text.click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await saved(page);
  expect((await stored(host)).map((a) => a.quote)).toEqual(['Україна']);
  await expect(suggested).toHaveCount(3);

  // The rejection is remembered: reopening the article does not propose that Poland again.
  await page.reload();
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().click();
  await expect(suggested).toHaveCount(3);
  expect((await entities(host)).find((e) => e.id === ukraine.id)?.mentions).toBe(1);
});
