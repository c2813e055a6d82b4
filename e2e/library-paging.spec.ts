import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

test('scrolling a long library loads it page by page, and a tag reloads only the pages on screen', async ({ page, host, workDir }) => {
  const file = join(workDir, 'many.jsonl');
  writeFileSync(file, Array.from({ length: 600 }, (_, i) => JSON.stringify({ title: `Dispatch ${String(i).padStart(3, '0')}`, text: `Dispatch number ${i} about the Morrow estuary.` })).join('\n'));
  host.setDialogAnswer([file]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');
  await expect(page.getByRole('status').filter({ hasText: 'articles' })).toHaveText('600 articles');

  // Count the list requests the page makes from here on, by the offset each asks for.
  let listCalls: number[] = [];
  page.on('request', (request) => {
    if (decodeURIComponent(request.url()).includes('/__rpc/articles/list')) listCalls.push((JSON.parse(request.postData() ?? '{}') as { offset: number }).offset);
  });
  const scroller = page.locator('.library-list');
  const rows = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  for (const y of [4000, 9000, 16000, 24000]) {
    await scroller.evaluate((el, top) => el.scrollTo(0, top), y);
    await expect(rows.filter({ hasText: '…' })).toHaveCount(0);
  }
  // The last scroll's page may still be on its way when its rows are drawn as placeholders.
  await expect.poll(() => new Set(listCalls).size).toBeGreaterThanOrEqual(4);

  // Back at the top, tag something in an open article: only what is shown is asked for again.
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await rows.first().click();
  await expect(page.getByLabel('Article text')).toContainText('Dispatch number');
  listCalls = [];
  // Rows already shown keep their content while their page reloads: no placeholder ever appears.
  await page.evaluate(() => {
    const seen = { placeholder: false };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('.library-list .placeholder')) seen.placeholder = true;
    }).observe(document.querySelector('.library-list') as Element, { subtree: true, childList: true });
  });
  await selectText(page, 'Dispatch');
  await page.keyboard.press('1');
  await expect(page.locator('.save-state')).toHaveText('Saved');
  await expect(rows.first().locator('.count.label-event')).toHaveText('E1');
  expect(await page.evaluate(() => (window as unknown as { seen: { placeholder: boolean } }).seen.placeholder)).toBe(false);
  const after = listCalls;
  expect(after.every((offset) => offset === 0)).toBe(true);
  expect(after.length).toBeLessThanOrEqual(2);
});
