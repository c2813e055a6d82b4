import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { importArticle } from './support/articles';
import { selectText } from './support/text';

/** A JSONL dataset line: one article, spans as the export writes them (code points; ASCII here). */
function line(title: string, published: string | null, spans: [string, string][]): string {
  const text = `${title}\n\nThe report on ${title.toLowerCase()} names the minister, the army and 40 drones.`;
  return JSON.stringify({
    title,
    published_at: published,
    text,
    spans: spans.map(([label, quote]) => ({ label, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, text: quote })),
  });
}

test('rows show each label’s count, and the library sorts by published date (undated last) and by annotation count', async ({ page, host, workDir }) => {
  const file = join(workDir, 'dataset.jsonl');
  writeFileSync(
    file,
    [
      line('Harbour', '2024-03-01', [['EVENT', 'report'], ['ACTOR', 'minister']]),
      line('Bridge', null, [['EVENT', 'report'], ['EVENT', 'army'], ['FIGURE', '40 drones'], ['ACTOR', 'minister']]),
      line('Airport', '2025-01-15', []),
      line('Depot', '2023-11', [['CLAIM', 'names']]),
    ].join('\n'),
  );
  host.setDialogAnswer([file]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');

  const rows = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  const bridge = rows.filter({ hasText: 'Bridge' });
  await expect(bridge.locator('.count.label-event')).toHaveText('E2');
  await expect(bridge.locator('.count.label-event')).toHaveAttribute('title', '2 Event');
  await expect(bridge.locator('.count.label-figure')).toHaveText('F1');
  await expect(bridge.locator('.count.label-actor')).toHaveText('A1');
  await expect(rows.filter({ hasText: 'Airport' }).locator('.count')).toHaveCount(0);

  const titles = () => rows.locator('.article-title').allTextContents();
  await page.getByLabel('Sort by').selectOption('published');
  await expect.poll(titles).toEqual(['Airport', 'Harbour', 'Depot', 'Bridge']);
  await page.getByLabel('Sort by').selectOption('annotations');
  await expect.poll(titles).toEqual(['Bridge', 'Harbour', 'Depot', 'Airport']);

  // Tagging changes the counts and the order without the list starting over.
  await rows.filter({ hasText: 'Airport' }).click();
  await page.locator('[aria-label="Article text"]').getByText('names the minister').waitFor();
  for (const word of ['minister', 'army']) {
    await selectText(page, word);
    await page.keyboard.press('3');
    await expect(page.locator('.save-state')).toHaveText('Saved');
  }
  await expect(rows.filter({ hasText: 'Airport' }).locator('.count.label-actor')).toHaveText('A2');
  // Airport now ties with Harbour (2 each); the newer import comes first.
  await expect.poll(titles).toEqual(['Bridge', 'Airport', 'Harbour', 'Depot']);
});

test('a published date, URL or language that is not in its stored form is refused with a message saying why', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'a.txt', 'Quay closure\n\nThe quay at Ostrava closed on Friday.');
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Article details' });
  await form.getByLabel('Published').fill('26/11/2024');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.article-head [role="alert"]')).toHaveText('published date: "26/11/2024" is not an ISO date: write it as YYYY, YYYY-MM or YYYY-MM-DD (2024-11-26?)');
  await form.getByLabel('Published').fill('2024-11-26');
  await form.getByLabel('URL').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.article-head [role="alert"]')).toContainText('URL: "javascript:" links are not kept');
  await form.getByLabel('URL').fill('https://ledger.example/quay');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.article-head .meta')).toContainText('2024-11-26');
  const list = await host.backend.dispatch('articles/list', {});
  expect(list).toMatchObject({ ok: true, value: { items: [{ publishedAt: '2024-11-26' }] } });
});
