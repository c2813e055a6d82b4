import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { saved, stored } from './support/articles';
import { selectionText, tabTo } from './support/keys';
import { entities } from './support/registry';

const FIRST = `Harbour report

Officials in Dorn counted 40 trucks at the harbour on Monday.

The agency said more would follow.`;

const SECOND = `Bridge closure

The bridge at Velm stays closed, engineers said.`;

test('import, search, open, select, tag, link, note and export with the keyboard alone', async ({ page, host, workDir }) => {
  writeFileSync(join(workDir, 'harbour.txt'), FIRST);
  writeFileSync(join(workDir, 'bridge.txt'), SECOND);
  host.setDialogAnswer([join(workDir, 'harbour.txt'), join(workDir, 'bridge.txt')]);

  // Import: the button is reached with Tab and pressed with Enter.
  await tabTo(page, page.getByRole('button', { name: 'Import', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Import report')).toContainText('2 imported');

  // Search: typing in the search box narrows the list.
  await tabTo(page, page.getByLabel('Search articles'), { back: true });
  await page.keyboard.type('harbour');
  const articles = page.getByRole('listbox', { name: 'Articles' });
  await expect(articles.getByRole('option')).toHaveCount(1);

  // The list is one tab stop; the arrows move inside it and Enter opens the article, whose text
  // then has focus.
  await tabTo(page, articles);
  await page.keyboard.press('Home');
  await expect(articles).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour report');
  const text = page.getByRole('textbox', { name: 'Article text' });
  await expect(text).toBeFocused();

  // The caret starts at the top; Ctrl+Home to be sure, then down a line to the first paragraph
  // of the body, and a word at a time with Ctrl+Shift+→.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await expect(page.locator('.reader-caret')).toBeVisible();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  await expect.poll(() => selectionText(page)).toBe('Officials in Dorn');
  await page.keyboard.press('3');
  await saved(page);
  // Focus and the caret stay in the text after the tag.
  await expect(text).toBeFocused();
  expect(await selectionText(page)).toBe('');

  // Link: L reaches the actor's Linked entity field; Enter creates an entity from the span and
  // links it; Escape goes back to the text, where the caret was.
  await page.keyboard.press('l');
  const linked = page.getByRole('combobox', { name: 'Linked entity' });
  await expect(linked).toBeFocused();
  await expect(page.getByRole('option', { name: /Create “Officials in Dorn”/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await saved(page);
  await expect(page.getByRole('region', { name: 'Annotation details' })).toContainText('Linked to Officials in Dorn');
  const [entity] = await entities(host);
  expect((await stored(host)).find((a) => a.quote === 'Officials in Dorn')?.attrs.entityId).toBe(entity?.id);
  await tabTo(page, text, { back: true });

  // On by a word and a character, then select "40 trucks" by character and word.
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect.poll(() => selectionText(page)).toBe('40 trucks');
  await page.keyboard.press('4');
  await saved(page);
  expect((await stored(host)).map((a) => [a.label, a.quote])).toEqual([
    ['actor', 'Officials in Dorn'],
    ['figure', '40 trucks'],
  ]);

  // The same span and label again is refused, saying which annotation is already there.
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => selectionText(page)).toBe('40 trucks');
  await page.keyboard.press('4');
  await expect(page.getByRole('status').filter({ hasText: 'Already tagged' })).toContainText('40 trucks');
  expect(await stored(host)).toHaveLength(2);

  // The refused tag left the caret where the selection ended; Shift+End selects to the line's end.
  await page.keyboard.press('Shift+End');
  await expect.poll(() => selectionText(page)).toBe(' at the harbour on Monday.');

  // The same when the keys come faster than frames (a fast typist, a busy machine): the tag key
  // and Shift+End in one task, before the frame that puts the caret down.
  await text.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const at = node.data.indexOf('40 trucks');
      if (at >= 0) {
        getSelection()?.setBaseAndExtent(node, at, node, at + '40 trucks'.length);
        break;
      }
    }
    const key = (init: KeyboardEventInit) => root.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    key({ key: '4', code: 'Digit4' });
    key({ key: 'End', code: 'End', shiftKey: true });
  });
  await expect.poll(() => selectionText(page)).toBe(' at the harbour on Monday.');
  expect(await stored(host)).toHaveLength(2);
  await page.keyboard.press('Escape');
  expect(await selectionText(page)).toBe('');

  // A note for the selected figure, typed into its details.
  const note = page.getByRole('region', { name: 'Annotation details' }).getByLabel('Note');
  await tabTo(page, note);
  await page.keyboard.type('from the port authority');
  await page.keyboard.press('Tab');
  await saved(page);
  expect((await stored(host)).find((a) => a.label === 'figure')?.note).toBe('from the port authority');

  // The shortcut list opens with ? and closes with Escape, focus going back where it was.
  await tabTo(page, text, { back: true });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Extend the selection one word on');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(text).toBeFocused();

  // Export: the dialog is worked with arrows, Tab and Enter.
  const out = join(workDir, 'export.jsonl');
  host.setSaveAnswer(out);
  await tabTo(page, page.getByRole('button', { name: 'Export', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /^JSONL/ })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Export…' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Exported 2 articles and 2 spans');
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { title: string; spans: { text: string; note: string }[] });
  const harbour = lines.find((l) => l.title === 'Harbour report');
  expect(harbour?.spans.map((s) => [s.text, s.note])).toEqual([
    ['Officials in Dorn', ''],
    ['40 trucks', 'from the port authority'],
  ]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Closing the dialog gives focus back to the button that opened it.
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeFocused();
});

test('the context menu opens from the keyboard and moves with the arrows', async ({ page, host, workDir }) => {
  writeFileSync(join(workDir, 'harbour.txt'), FIRST);
  host.setDialogAnswer([join(workDir, 'harbour.txt')]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour report');
  const text = page.getByRole('textbox', { name: 'Article text' });
  await text.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Tag as Actor' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Tag as Figure' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await saved(page);
  expect((await stored(host)).map((a) => [a.label, a.quote])).toEqual([['actor', 'Officials']]);
  await expect(text).toBeFocused();

  // A key that cannot act says why: 1 with nothing selected and no annotation chosen.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^All/ }).focus();
  await text.focus();
  await page.evaluate(() => window.getSelection()?.collapseToEnd());
  await page.keyboard.press('p');
  await page.keyboard.press('Delete');
  await saved(page);
  expect(await stored(host)).toEqual([]);
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to remove' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to tag' })).toBeVisible();
});
