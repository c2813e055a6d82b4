import { join } from 'node:path';
import { exportCorpus } from '../electron/core/export';
import { insertArticle } from '../electron/core/store/articles';
import { insertAnnotation } from '../electron/core/store/annotations';
import { openStore } from '../electron/core/store/db';
import { expect, test } from './support/fixtures';

const PASSPHRASE = 'north pier, low tide';
const TEXT = 'Harbour closed\n\nThe harbour at Izmail closed after the night strike, the port authority said.';

test('an encrypted bundle picked in Import asks for its passphrase, refuses a wrong one with the reason and imports with the right one', async ({ page, host, workDir }) => {
  // The colleague's machine seals its bundle; no channel writes to a path the renderer names, so this is a direct core call.
  const colleague = openStore(join(workDir, 'colleague.db'));
  const article = insertArticle(colleague, { title: 'Harbour closed', source: 'Port bulletin', url: null, author: null, publishedAt: null, language: 'en', text: TEXT });
  const quote = 'the port authority';
  insertAnnotation(colleague, { articleId: article.id, label: 'actor', start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, quote, author: 'colleague' });
  const bundle = join(workDir, 'for-colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle, passphrase: PASSPHRASE });
  colleague.close();
  const imported = () => host.backend.db.prepare("SELECT count(*) FROM articles WHERE title = 'Harbour closed'").pluck().get();

  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Encrypted bundle' });
  await expect(dialog).toContainText('for-colleague.spanwise is encrypted');
  const field = dialog.getByLabel('Bundle passphrase');
  await expect(field).toBeFocused();

  // Keyboard only: a wrong passphrase and Enter.
  await page.keyboard.type('south pier');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('That passphrase is wrong: nothing of this bundle was imported');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(imported()).toBe(0);

  // Focus stays inside the dialog (the Import bundle button waits for a passphrase).
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Skip this bundle' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(field).toBeFocused();

  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Import report')).toContainText('merged: 1 new article, 1 new annotation');
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Harbour closed/ })).toBeVisible();
  expect(imported()).toBe(1);
});

test('Escape leaves an encrypted bundle out, and the report says why', async ({ page, host, workDir }) => {
  const colleague = openStore(join(workDir, 'colleague.db'));
  insertArticle(colleague, { title: 'Harbour closed', source: null, url: null, author: null, publishedAt: null, language: 'en', text: TEXT });
  const bundle = join(workDir, 'sealed.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle, passphrase: PASSPHRASE });
  colleague.close();

  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Encrypted bundle' });
  await expect(dialog.getByLabel('Bundle passphrase')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Import report')).toContainText('an encrypted bundle, not imported: no passphrase was given');
  expect(host.backend.db.prepare("SELECT count(*) FROM articles WHERE title = 'Harbour closed'").pluck().get()).toBe(0);
});
