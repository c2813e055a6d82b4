import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { marks, selectText } from './support/text';

const TEXT = `Ministry reports interceptions

The defence ministry said its forces shot down 64 drones overnight over six regions.

Governor Oleg Marsh said debris hit a warehouse in Brenn.`;

test('tag with every label by key and by button; overlapping spans share segments', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ministry.txt', TEXT);

  const byKey: [string, string][] = [
    ['The defence ministry', '1'],
    ['said its forces shot down 64 drones', '2'],
    ['Governor Oleg Marsh', '3'],
    ['six regions', '4'],
  ];
  for (const [text, key] of byKey) {
    await selectText(page, text);
    await page.keyboard.press(key);
    await expect(page.locator('[aria-label="Article text"] mark', { hasText: text.split(' ').pop() as string }).first()).toBeVisible();
  }
  for (const [text, button] of [
    ['debris', 'Event'],
    ['Brenn', 'Actor'],
    ['warehouse', 'Claim'],
    ['64', 'Figure'],
  ]) {
    await selectText(page, text as string);
    await page.getByRole('button', { name: button as string, exact: true }).click();
  }
  await saved(page);

  const annotations = await stored(host);
  expect(annotations.map((a) => [a.label, a.quote])).toEqual([
    ['event', 'The defence ministry'],
    ['claim', 'said its forces shot down 64 drones'],
    ['figure', '64'],
    ['figure', 'six regions'],
    ['actor', 'Governor Oleg Marsh'],
    ['event', 'debris'],
    ['claim', 'warehouse'],
    ['actor', 'Brenn'],
  ]);

  // "64" lies inside the claim: its segment carries both ids, and the claim continues around it.
  const all = await marks(page);
  const inner = all.find((m) => m.text === '64');
  expect(inner?.labels.split(' ').sort()).toEqual(['claim', 'figure']);
  expect(inner?.ids.split(' ')).toHaveLength(2);
  expect(all.filter((m) => m.labels === 'claim').map((m) => m.text)).toEqual(['said its forces shot down ', ' drones', 'warehouse']);

  // Clicking a segment with two annotations asks which one is meant.
  await page.locator('[aria-label="Article text"] mark', { hasText: /^64$/ }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveCount(2);
  await menu.getByRole('menuitem', { name: /^Figure: 64/ }).click();
  await expect(page.getByLabel('Annotation details').getByLabel('Label')).toHaveValue('figure');
  await expect(page.getByLabel('Annotation details').getByLabel('Value')).toHaveValue('64');
});

test('a selection with spaces at its ends is trimmed; whitespace alone tags nothing', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ministry.txt', TEXT);
  await selectText(page, ' Oleg Marsh said ');
  await page.keyboard.press('3');
  await saved(page);
  expect((await stored(host)).map((a) => a.quote)).toEqual(['Oleg Marsh said']);
  await selectText(page, 'debris hit');
  await page.evaluate(() => {
    // Narrow the selection to the single space between the two words.
    const range = window.getSelection()?.getRangeAt(0);
    if (range) range.setStart(range.startContainer, range.startOffset + 'debris'.length);
    if (range) range.setEnd(range.startContainer, range.startOffset + 1);
  });
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(' ');
  await page.keyboard.press('1');
  await saved(page);
  expect(await stored(host)).toHaveLength(1);
});
