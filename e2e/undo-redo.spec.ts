import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Harbour fire

A fire broke out at the Port Alden grain terminal early on Friday.

Harbour master Ilse Barend blamed an electrical fault.`;

test('undo and redo every operation; after each step the store holds what the screen shows, across a reload', async ({ page, host, workDir, openApp }) => {
  await importArticle(page, host, workDir, 'fire.txt', TEXT);
  const marks = page.locator('[aria-label="Article text"] mark');
  const screen = async () => (await marks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-labels')}:${e.textContent}`))).sort();
  const store = async () => (await stored(host)).map((a) => `${a.label}:${a.quote}`).sort();

  await selectText(page, 'A fire broke out');
  await page.keyboard.press('1');
  await selectText(page, 'Ilse Barend');
  await page.keyboard.press('3');
  await saved(page);
  expect(await store()).toEqual(['actor:Ilse Barend', 'event:A fire broke out']);

  // Retag the actor as a claim with the key, then delete the event.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'Ilse Barend' }).click();
  await page.keyboard.press('2');
  await saved(page);
  expect(await store()).toEqual(['claim:Ilse Barend', 'event:A fire broke out']);
  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'A fire broke out' }).click();
  await page.keyboard.press('Delete');
  await saved(page);
  expect(await store()).toEqual(['claim:Ilse Barend']);
  expect(await screen()).toEqual(['claim:Ilse Barend']);

  await page.keyboard.press('Control+z'); // delete undone
  await saved(page);
  expect(await store()).toEqual(['claim:Ilse Barend', 'event:A fire broke out']);
  expect(await screen()).toEqual(await store());

  await page.keyboard.press('Control+z'); // retag undone
  await saved(page);
  expect(await store()).toEqual(['actor:Ilse Barend', 'event:A fire broke out']);
  expect(await screen()).toEqual(await store());

  await page.keyboard.press('Control+z'); // second tag undone
  await saved(page);
  expect(await store()).toEqual(['event:A fire broke out']);
  expect(await screen()).toEqual(await store());

  await page.keyboard.press('Control+Shift+z'); // second tag redone, with its original id
  await saved(page);
  expect(await store()).toEqual(['actor:Ilse Barend', 'event:A fire broke out']);
  expect(await screen()).toEqual(await store());

  const fresh = await openApp();
  await fresh.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Harbour fire/ }).click();
  await expect(fresh.locator('[aria-label="Article text"] mark')).toHaveCount(2);
  expect((await fresh.locator('[aria-label="Article text"] mark').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-labels')}:${e.textContent}`))).sort()).toEqual(
    await store(),
  );
});
