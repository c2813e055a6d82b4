import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { contract, createEntity, linkedActors, onlyArticleId } from './support/registry';

const TEXT = `Kharkiv under fire

Shelling hit Kharkiv on Monday night, officials said. About 40 people were hurt.

In Kharkiv itself the metro was used as a shelter, and Kharkiv's mayor asked for calm.`;

test('a label filter dims the other highlights in the text; rows with the same quote are told apart; the article has a summary', async ({ page, host, workDir }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const city = await createEntity(host, { name: 'Kharkiv city administration', actorKind: 'organisation' });
  await importArticle(page, host, workDir, 'kharkiv.txt', TEXT);
  const id = await onlyArticleId(host);
  await linkedActors(host, id, TEXT, "Kharkiv's mayor", city.id);
  const places: { label: 'event'; start: number; end: number; attrs: { location: string } }[] = [];
  for (let at = TEXT.indexOf('Kharkiv', 1); at >= 0; at = TEXT.indexOf('Kharkiv', at + 1)) {
    if (TEXT.startsWith("Kharkiv's", at)) continue;
    places.push({ label: 'event', start: at, end: at + 7, attrs: { location: 'Kharkiv' } });
  }
  const figure = TEXT.indexOf('40 people');
  await contract(host, 'annotations/createMany', {
    articleId: id,
    items: [...places, { label: 'figure', start: figure, end: figure + 9, attrs: { value: 40, unit: 'people', qualifier: 'approximate' } }],
  });
  await page.reload();
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().click();
  await saved(page);

  // Two events read "Kharkiv": each row shows the words around it in its paragraph.
  const rows = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  const kharkiv = rows.filter({ has: page.locator('.quote', { hasText: /^Kharkiv$/ }) });
  await expect(kharkiv).toHaveCount(2);
  const contexts = await kharkiv.evaluateAll((els) =>
    els.map((el) => [...el.querySelectorAll('.row-context [data-text]')].map((s) => s.getAttribute('data-text')).join('')),
  );
  expect(contexts).toEqual(['Shelling hit Kharkiv on Monday night, officials said. About 40…', 'In Kharkiv itself the metro was used as a shelter, and…']);
  // The figure's row sums up its attributes.
  await expect(rows.filter({ hasText: '40 people' }).locator('.row-attrs')).toHaveAttribute('data-text', '40 people · approximate');

  // The summary: annotations per label and the linked entities by their registry names.
  const summary = page.getByRole('region', { name: 'Article summary' });
  await expect(summary).toContainText('Event 2');
  await expect(summary).toContainText('Actor 1');
  await expect(summary).toContainText('Figure 1');
  await expect(summary).toContainText('Linked: Kharkiv city administration');

  // Only Figure: the events' highlights lose their fill and underline, the figure keeps its own.
  const fill = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const underline = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundImage);
  const eventMark = 'mark[data-labels~="event"]';
  const figureMark = 'mark[data-labels~="figure"]';
  const eventFill = await fill(eventMark);
  expect(eventFill).not.toBe('rgba(0, 0, 0, 0)');
  await page.getByRole('group', { name: 'Filter annotations' }).getByRole('button', { name: 'Figure 1', exact: true }).click();
  await expect.poll(() => fill(eventMark)).toBe('rgba(0, 0, 0, 0)');
  expect(await underline(eventMark)).toBe('none');
  expect(await fill(figureMark)).not.toBe('rgba(0, 0, 0, 0)');
  expect(await underline(figureMark)).not.toBe('none');
  await expect(rows).toHaveCount(1);
  // All again: every highlight is back.
  await page.getByRole('group', { name: 'Filter annotations' }).getByRole('button', { name: /^All/ }).click();
  await expect.poll(() => fill(eventMark)).toBe(eventFill);
});
