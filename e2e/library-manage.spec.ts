import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { selectText } from './support/text';

test('edit an article’s details, sort and filter by label, source and date, delete it after a confirmation that counts its annotations, and undo the delete', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'a.txt', 'Quay closure\n\nThe quay at Ostrava closed on Friday after a crane failure.');
  await importArticle(page, host, workDir, 'b.txt', 'Bridge repairs\n\nThe Kestrel bridge reopened on Sunday.');
  await selectText(page, 'Kestrel bridge');
  await page.keyboard.press('3');
  await selectText(page, 'reopened on Sunday');
  await page.keyboard.press('1');
  await saved(page);

  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Article details' });
  await form.getByLabel('Source').fill('Riverside Herald');
  await form.getByLabel('Published').fill('2025-06-01');
  await form.getByLabel('Title').fill('Kestrel bridge reopens');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kestrel bridge reopens');
  const articles = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await expect(articles.filter({ hasText: 'Kestrel bridge reopens' })).toContainText('Riverside Herald');

  // Sorting and filtering.
  await page.getByLabel('Sort by').selectOption('title');
  await expect(articles.first()).toContainText('Kestrel bridge reopens');
  await page.getByLabel('Not yet annotated').check();
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('Quay closure');
  await page.getByLabel('Not yet annotated').uncheck();
  await page.getByLabel('Has label').selectOption('actor');
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('Kestrel');
  await page.getByLabel('Has label').selectOption('');
  await page.getByRole('region', { name: 'Library' }).getByLabel('Source', { exact: true }).selectOption('Riverside Herald');
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('Kestrel bridge reopens');
  await page.getByRole('region', { name: 'Library' }).getByLabel('Source', { exact: true }).selectOption('');
  await page.getByLabel('Published from').fill('2025-06-02');
  await expect(articles).toHaveCount(0);
  await page.getByLabel('Published from').fill('2025-05-01');
  await page.getByLabel('Published to').fill('2025-06-01');
  await expect(articles).toHaveCount(1);
  await page.getByLabel('Published from').fill('');
  await page.getByLabel('Published to').fill('');
  await expect(articles).toHaveCount(2);

  await articles.filter({ hasText: 'Kestrel' }).click();
  await page.getByRole('button', { name: 'Delete article' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete article' });
  await expect(confirm).toContainText('and its 2 annotations');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(articles).toHaveCount(1);
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ value: { articles: 1, annotations: 0 } });

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(articles).toHaveCount(2);
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ value: { articles: 2, annotations: 2 } });
  await articles.filter({ hasText: 'Kestrel' }).click();
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(2);
  await expect(page.locator('.article-head .meta')).toContainText('Riverside Herald · 2025-06-01');
});
