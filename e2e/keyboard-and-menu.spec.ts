import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { marks, rightClickSelection, selectText } from './support/text';

const TEXT = `Convoy report

An aid convoy reached Dorn on Monday, the agency said.

Officials in Dorn counted 40 trucks.

The agency said more would follow.`;

/** Selects each text in turn and presses its label key. */
async function tagByKey(page: Page, tags: [text: string, key: string][]): Promise<void> {
  for (const [text, key] of tags) {
    await selectText(page, text);
    await page.keyboard.press(key);
  }
}

test('next and previous follow the panel, its filter included; the keys are shown', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'convoy.txt', TEXT);
  // In text order: event, actor, event, actor, figure, event.
  await tagByKey(page, [
    ['An aid convoy', '1'],
    ['reached Dorn', '3'],
    ['the agency', '1'],
    ['Officials in Dorn', '3'],
    ['40 trucks', '4'],
    ['more would follow', '1'],
  ]);
  await saved(page);
  const panel = page.getByRole('list', { name: 'Annotations' });
  const current = panel.locator('[aria-current="true"]');
  const text = page.locator('[aria-label="Article text"]');
  await text.click({ position: { x: 2, y: 2 } });

  // The panel lists events, then actors, then figures: N and P walk that list, not the text.
  await panel.getByRole('listitem').filter({ hasText: 'An aid convoy' }).click();
  for (const next of ['the agency', 'more would follow', 'reached Dorn', 'Officials in Dorn', '40 trucks']) {
    await page.keyboard.press('n');
    await expect(current).toHaveText(next);
  }
  await page.keyboard.press('n');
  await expect(current).toHaveText('40 trucks');
  await page.keyboard.press('p');
  await expect(current).toHaveText('Officials in Dorn');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('Officials in Dorn');

  // The arrow keys in the panel take the same steps, focus following.
  await current.press('ArrowUp');
  await expect(current).toHaveText('reached Dorn');
  await expect(current).toBeFocused();
  await current.press('ArrowUp');
  await expect(current).toHaveText('more would follow');
  await current.press('ArrowDown');
  await current.press('ArrowDown');
  await expect(current).toHaveText('Officials in Dorn');

  // Filtered to actors, the list and the steps skip everything else.
  await page.getByRole('group', { name: 'Filter annotations' }).getByRole('button', { name: 'Actor 2', exact: true }).click();
  await expect(panel.getByRole('listitem')).toHaveText(['reached Dorn', 'Officials in Dorn']);
  await page.keyboard.press('p');
  await expect(current).toHaveText('reached Dorn');
  await page.keyboard.press('p');
  await expect(current).toHaveText('reached Dorn');
  await page.keyboard.press('n');
  await expect(current).toHaveText('Officials in Dorn');
  await page.getByRole('group', { name: 'Filter annotations' }).getByRole('button', { name: /^All/ }).click();
  await expect(panel.getByRole('listitem')).toHaveCount(6);

  // Shown where the analyst looks: above the rows and in the legend. A row's own name stays its
  // content (a hint as its title would be what a screen reader reads for it), the keys given as
  // aria-keyshortcuts.
  await expect(page.locator('.panel-keys')).toHaveText(/N or ↓: next.*P or ↑: previous/);
  await expect(panel.getByRole('listitem').first()).not.toHaveAttribute('title');
  await expect(panel.getByRole('listitem').first()).toHaveAttribute('aria-keyshortcuts', /N P/);
  await expect(page.getByLabel('Legend')).toContainText('N/P next/previous');
});

test('tag from the context menu, and across a paragraph break', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'convoy.txt', TEXT);
  await selectText(page, 'Officials in Dorn');
  await rightClickSelection(page);
  await page.getByRole('menu').getByRole('menuitem', { name: 'Tag as Actor' }).click();
  await saved(page);
  expect((await stored(host)).map((a) => [a.label, a.quote])).toEqual([['actor', 'Officials in Dorn']]);

  // Right-clicking a highlight offers to retag or delete it.
  await page.locator('[aria-label="Article text"] mark', { hasText: 'Officials in Dorn' }).click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Retag as Event' }).click();
  await saved(page);
  expect((await stored(host)).map((a) => a.label)).toEqual(['event']);

  // A span from one paragraph into the next: one annotation, drawn as one mark per paragraph.
  await selectText(page, 'the agency said.\n\nOfficials');
  await page.keyboard.press('2');
  await saved(page);
  // Tagged text is no longer selected, and no redraw puts the selection back.
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('');
  const claim = (await stored(host)).find((a) => a.label === 'claim');
  expect(claim?.quote).toBe('the agency said.\n\nOfficials');
  const pieces = (await marks(page)).filter((m) => m.ids.split(' ').includes(claim?.id ?? '-'));
  expect(pieces.map((m) => m.text)).toEqual(['the agency said.', 'Officials']);
  await expect(page.locator(`[aria-label="Article text"] p:nth-child(2) mark`).last()).toHaveText('the agency said.');
});

test('reader keys do nothing behind an open menu or the export dialog; Escape closes them', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'convoy.txt', TEXT);

  // A menu over a selection: its keys are the menu's, not the reader's.
  await selectText(page, 'Officials in Dorn');
  await rightClickSelection(page);
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // The export dialog, opened over a selection of the text.
  await selectText(page, 'Officials in Dorn');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  for (const key of ['1', 'n', 'Delete', 'Control+z']) await page.keyboard.press(key);
  // Focus left on the page behind the dialog changes nothing either.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('2');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await saved(page);
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(0);
  expect(await stored(host)).toEqual([]);

  // Closed, the same key tags again.
  await selectText(page, 'Officials in Dorn');
  await page.keyboard.press('3');
  await saved(page);
  expect((await stored(host)).map((a) => [a.label, a.quote])).toEqual([['actor', 'Officials in Dorn']]);
});

test('Enter and Space on an annotation row select it, as a click does', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'convoy.txt', TEXT);
  await tagByKey(page, [
    ['An aid convoy', '1'],
    ['40 trucks', '4'],
  ]);
  await saved(page);
  const rows = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  const selected = page.locator('[aria-label="Article text"] mark[data-selected="true"]');
  // Tagging selected the last one; focus goes to the first row without choosing it.
  await rows.filter({ hasText: 'An aid convoy' }).focus();
  await expect(selected).toHaveText('40 trucks');
  await page.keyboard.press('Enter');
  await expect(selected).toHaveText('An aid convoy');
  await rows.filter({ hasText: '40 trucks' }).focus();
  await page.keyboard.press(' ');
  await expect(selected).toHaveText('40 trucks');
});
