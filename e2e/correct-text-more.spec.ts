import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const OTHER = `Dam report

Engineers said the dam held overnight.`;
const TEXT = `Dam report

Engineers said the dam heldd overnight.`;

test('a refused correction keeps the correction editor, the edits and the reason; undo works inside it', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'other.txt', OTHER);
  await importArticle(page, host, workDir, 'dam.txt', TEXT);
  await selectText(page, 'Engineers');
  await page.keyboard.press('3');
  await saved(page);
  const reader = page.locator('[aria-label="Article text"]');

  await page.getByRole('button', { name: 'Correct text' }).click();
  await expect(reader).toHaveAttribute('contenteditable', 'true');
  // Ctrl+Z undoes inside the correction.
  await selectText(page, 'overnight');
  await page.keyboard.type('at noon');
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam heldd at noon.');
  // As in any Lexical editor, the typing is one step and the replaced selection the one before it.
  await page.keyboard.press('Control+z');
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam heldd a.');
  await page.keyboard.press('Control+z');
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam heldd overnight.');

  // Fixing the typo makes this article the other one word for word: the store refuses it.
  await selectText(page, 'heldd');
  await page.keyboard.type('held');
  await page.getByRole('button', { name: 'Apply correction' }).click();
  await expect(page.getByRole('alert')).toContainText('another article');
  await expect(page.locator('.save-state')).toHaveText('Not saved');
  await expect(reader).toHaveAttribute('contenteditable', 'true');
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam held overnight.');
  expect((await stored(host)).find((a) => a.label === 'actor')?.quote).toBe('Engineers');

  // The analyst carries on from their edit, and the store accepts the next one.
  await selectText(page, 'overnight');
  await page.keyboard.type('through the night');
  await page.getByRole('button', { name: 'Apply correction' }).click();
  await expect(reader).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await saved(page);
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam held through the night.');
  await expect(page.locator('.article-head .meta')).toContainText('text corrected');

  // Undone back to the imported text, it is no longer shown as corrected.
  await reader.click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await saved(page);
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam heldd overnight.');
  await expect(page.locator('.article-head .meta')).not.toContainText('text corrected');
});

test('an annotation orphaned by a correction can be re-attached to new text, and that undone', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'dam.txt', TEXT);
  await selectText(page, 'heldd');
  await page.keyboard.press('1');
  await saved(page);
  const reader = page.locator('[aria-label="Article text"]');
  await page.getByRole('button', { name: 'Correct text' }).click();
  // The selection has to be made in the editable text: one made before the switch is redrawn away.
  await expect(reader).toHaveAttribute('contenteditable', 'true');
  await selectText(page, ' heldd');
  await page.keyboard.press('Backspace');
  await expect(reader.locator('p').nth(1)).toHaveText('Engineers said the dam overnight.');
  await page.getByRole('button', { name: 'Apply correction' }).click();
  await saved(page);
  const panel = page.getByRole('list', { name: 'Annotations' });
  await expect(panel.getByRole('listitem')).toHaveText(['Orphaned: heldd']);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(0);

  await panel.getByRole('listitem').click();
  await selectText(page, 'dam');
  await page.getByLabel('Annotation details').getByRole('button', { name: 'Re-attach to selection' }).click();
  await saved(page);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveText(['dam']);
  expect((await stored(host)).map((a) => [a.label, a.quote, a.status])).toEqual([['event', 'dam', 'ok']]);

  await page.getByRole('button', { name: 'Undo' }).click();
  await saved(page);
  expect((await stored(host)).map((a) => [a.quote, a.status])).toEqual([['heldd', 'orphaned']]);
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(0);
});

test('correcting the text waits until the changes on their way are saved', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'dam.txt', TEXT);
  const release = host.hold(['annotations/createMany']);
  await selectText(page, 'Engineers');
  await page.keyboard.press('3');
  const correct = page.getByRole('button', { name: 'Correct text' });
  await expect(page.locator('.save-state')).toHaveText('Saving…');
  await expect(correct).toBeDisabled();
  await expect(correct).toHaveAttribute('title', 'Wait until the changes are saved to correct the text');
  release();
  await saved(page);
  await expect(correct).toBeEnabled();
  await correct.click();
  await expect(page.locator('[aria-label="Article text"]')).toHaveAttribute('contenteditable', 'true');
  expect((await stored(host)).map((a) => a.quote)).toEqual(['Engineers']);
});
