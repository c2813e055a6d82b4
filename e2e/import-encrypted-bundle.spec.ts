import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
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

/** A colleague's sealed bundle of one article, as its bytes in base64 (what the page turns back into a File). */
async function sealedBundle(workDir: string): Promise<string> {
  const colleague = openStore(join(workDir, 'colleague.db'));
  insertArticle(colleague, { title: 'Harbour closed', source: 'Port bulletin', url: null, author: null, publishedAt: null, language: 'en', text: TEXT });
  const bundle = join(workDir, 'for-colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle, passphrase: PASSPHRASE });
  colleague.close();
  return readFileSync(bundle).toString('base64');
}

/** Drops (or pastes) the bundle on the window, as a file manager would hand it over. */
async function handOver(page: Page, base64: string, how: 'drop' | 'paste'): Promise<void> {
  const data = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'for-colleague.spanwise', { type: 'application/octet-stream' }));
    return transfer;
  }, base64);
  if (how === 'drop') {
    await page.dispatchEvent('body', 'dragover', { dataTransfer: data });
    await page.dispatchEvent('body', 'drop', { dataTransfer: data });
  } else {
    await page.evaluate((transfer) => document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })), data);
  }
}

for (const how of ['drop', 'paste'] as const) {
  test(`an encrypted bundle ${how === 'drop' ? 'dropped on' : 'pasted into'} the window asks for its passphrase as Import does, and merges with the right one`, async ({ page, host, workDir }) => {
    const base64 = await sealedBundle(workDir);
    const imported = () => host.backend.db.prepare("SELECT count(*) FROM articles WHERE title = 'Harbour closed'").pluck().get();
    await handOver(page, base64, how);
    const dialog = page.getByRole('dialog', { name: 'Encrypted bundle' });
    await expect(dialog).toContainText('for-colleague.spanwise is encrypted');
    const field = dialog.getByLabel('Bundle passphrase');
    await expect(field).toBeFocused();
    await page.keyboard.type('south pier');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('That passphrase is wrong: nothing of this bundle was imported');
    expect(imported()).toBe(0);
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel('Import report')).toContainText('merged: 1 new article');
    await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Harbour closed/ })).toBeVisible();
    expect(imported()).toBe(1);
  });
}
