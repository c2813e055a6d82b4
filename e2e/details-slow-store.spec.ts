import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Ferry figures

The port authority said 300 passengers were evacuated from the ferry.

Coastguard officer Mira Halden said the count was lower.`;

// The store answers every call 60 ms late, slower than fast typing.
const LATENCY_MS = 60;

test('typing into the details while the store answers slowly keeps every keystroke, field by field', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ferry.txt', TEXT);
  host.setLatency(LATENCY_MS);
  await selectText(page, '300 passengers');
  await page.keyboard.press('4');
  await saved(page);
  const details = page.getByLabel('Annotation details');
  await expect(details.getByLabel('Value')).toHaveValue('300');

  // "2.5": the half-typed "2." is neither stored as 2 for good nor put back into the box.
  await details.getByLabel('Value').fill('');
  await page.keyboard.type('2.5', { delay: 0 });
  await expect(details.getByLabel('Value')).toHaveValue('2.5');
  // Straight on into another field: neither edit may overwrite the other.
  await details.getByLabel('Unit').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('thousand passengers', { delay: 0 });
  await details.getByLabel('Note').click();
  await page.keyboard.type('hello, the count is disputed', { delay: 0 });
  await expect(details.getByLabel('Note')).toHaveValue('hello, the count is disputed');
  await saved(page);
  const [figure] = await stored(host);
  expect(figure).toMatchObject({ note: 'hello, the count is disputed', attrs: { value: 2.5, unit: 'thousand passengers', qualifier: 'exact' } });
  await expect(details.getByLabel('Value')).toHaveValue('2.5');
  await expect(details.getByLabel('Unit')).toHaveValue('thousand passengers');

  // A decimal comma reads as parseFigure reads it: 2,5 is 2.5, not 25.
  await details.getByLabel('Value').fill('');
  await page.keyboard.type('7,5', { delay: 0 });
  await details.getByLabel('Note').click();
  await saved(page);
  expect((await stored(host))[0]?.attrs.value).toBe(7.5);
  await expect(details.getByLabel('Value')).toHaveValue('7.5');

  // One undo takes back one field's edit, not one keystroke: the note first, then the value.
  await page.getByRole('button', { name: 'Undo' }).click();
  await saved(page);
  expect((await stored(host))[0]?.attrs.value).toBe(2.5);
  await expect(details.getByLabel('Value')).toHaveValue('2.5');
  await page.getByRole('button', { name: 'Undo' }).click();
  await saved(page);
  expect((await stored(host))[0]?.note).toBe('');
  await expect(details.getByLabel('Note')).toHaveValue('');
});

test('a selection made while the store is still answering survives the highlights being redrawn', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ferry.txt', TEXT);
  await selectText(page, 'port authority');
  await page.keyboard.press('3');
  await saved(page);
  // The undo's answer takes the highlight off and redraws its paragraph; it is held back until
  // the analyst has selected other text in that paragraph.
  const release = host.hold(['annotations/delete']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.save-state')).toHaveText('Saving…');
  await selectText(page, '300 passengers');
  const selectedNode = await page.evaluateHandle(() => window.getSelection()?.anchorNode ?? null);
  release();
  await saved(page);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(0);
  // The text the selection was made in was replaced by the redraw: the selection had to be carried over.
  expect(await selectedNode.evaluate((node) => node?.isConnected)).toBe(false);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('300 passengers');
  await page.keyboard.press('4');
  await saved(page);
  expect((await stored(host)).map((a) => [a.label, a.quote])).toEqual([['figure', '300 passengers']]);
});

test('closing the window while changes are on their way asks first', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'ferry.txt', TEXT);
  const release = host.hold(['annotations/createMany']);
  await selectText(page, 'Mira Halden');
  await page.keyboard.press('3');
  await expect(page.locator('.save-state')).toHaveText('Saving…');
  const asked = Promise.race([page.waitForEvent('dialog'), page.waitForEvent('close').then(() => null)]);
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog?.type()).toBe('beforeunload');
  // Staying: the page is still open and the tag reaches the store.
  await dialog?.dismiss();
  expect(page.isClosed()).toBe(false);
  release();
  await saved(page);
  expect((await stored(host)).map((a) => a.quote)).toEqual(['Mira Halden']);

  // Nothing on its way: the window closes without asking.
  const closed = Promise.race([page.waitForEvent('close').then(() => 'closed'), page.waitForEvent('dialog').then(async (d) => (await d.accept(), 'asked'))]);
  await page.close({ runBeforeUnload: true });
  expect(await closed).toBe('closed');
  expect(page.isClosed()).toBe(true);
});
