import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Warehouse damage

Governor Oleg Marsh said teh debris hit a really big warehouse in Brenn.

No casualties were reported.`;

test('correcting the text keeps annotations on their words and flags one whose text was deleted', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'brenn.txt', TEXT);
  await selectText(page, 'Oleg Marsh');
  await page.keyboard.press('3');
  await selectText(page, 'really big');
  await page.keyboard.press('4');
  await selectText(page, 'warehouse in Brenn');
  await page.keyboard.press('1');
  await selectText(page, 'No casualties');
  await page.keyboard.press('2');
  await saved(page);

  await page.getByRole('button', { name: 'Correct text' }).click();
  await expect(page.locator('[aria-label="Article text"]')).toHaveAttribute('contenteditable', 'true');
  await selectText(page, 'teh');
  await page.keyboard.type('the');
  await selectText(page, 'really big ');
  await page.keyboard.press('Backspace');
  await selectText(page, 'Brenn');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(' on Saturday');
  await page.getByRole('button', { name: 'Apply correction' }).click();
  await saved(page);

  const corrected = 'Warehouse damage\n\nGovernor Oleg Marsh said the debris hit a warehouse in Brenn on Saturday.\n\nNo casualties were reported.';
  const article = await host.backend.dispatch('articles/list', {});
  expect(article.ok).toBe(true);
  const id = (article.ok && (article.value as { items: { id: string }[] }).items[0]?.id) as string;
  const got = await host.backend.dispatch('articles/get', { id });
  expect(got).toMatchObject({ ok: true, value: { article: { text: corrected, originalText: TEXT } } });

  const annotations = await stored(host);
  for (const a of annotations.filter((x) => x.status === 'ok')) expect(corrected.slice(a.start, a.end)).toBe(a.quote);
  expect(annotations.map((a) => [a.label, a.quote, a.status]).sort()).toEqual(
    [
      ['actor', 'Oleg Marsh', 'ok'],
      ['claim', 'No casualties', 'ok'],
      ['event', 'warehouse in Brenn', 'ok'],
      ['figure', 'really big', 'orphaned'],
    ].sort(),
  );
  await expect(page.locator('[aria-label="Article text"]')).toHaveAttribute('contenteditable', 'false');
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'Orphaned' })).toContainText('really big');

  // One undo puts the text and every annotation back exactly.
  await page.locator('[aria-label="Article text"]').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await saved(page);
  const back = await host.backend.dispatch('articles/get', { id });
  expect(back).toMatchObject({ ok: true, value: { article: { text: TEXT } } });
  expect((await stored(host)).map((a) => [a.quote, a.status, TEXT.slice(a.start, a.end)]).sort()).toEqual(
    [
      ['Oleg Marsh', 'ok', 'Oleg Marsh'],
      ['No casualties', 'ok', 'No casualties'],
      ['warehouse in Brenn', 'ok', 'warehouse in Brenn'],
      ['really big', 'ok', 'really big'],
    ].sort(),
  );
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(4);
});
