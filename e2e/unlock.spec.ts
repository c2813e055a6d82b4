import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertArticle } from '../electron/core/store/articles';
import { openStore } from '../electron/core/store/db';
import { startHost } from './host/server';
import { expect, test } from './support/fixtures';

const PASSPHRASE = 'grain silo at Izmail';

test('an encrypted library opens in the app after its passphrase; a wrong one is refused and can be tried again', async ({ context, workDir }) => {
  const file = join(workDir, 'sealed.db');
  const db = openStore(file, { passphrase: PASSPHRASE });
  insertArticle(db, { title: 'Silo fire', source: 'Port bulletin', url: null, author: null, publishedAt: null, language: 'en', text: 'Silo fire\n\nThe grain silo at Izmail burned through the night.' });
  db.close();
  const before = createHash('sha256').update(readFileSync(file)).digest('hex');

  const host = await startHost({ dbFile: file });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Unlock the library' })).toBeVisible();
    await expect(page.getByText('sealed.db')).toBeVisible();
    // Nothing of the library is reachable before it is unlocked.
    const refused = await page.evaluate(() => (window as unknown as { spanwise: Record<string, (i: unknown) => Promise<unknown>> }).spanwise.articlesList?.({}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    // The host has no keychain it trusts, so nothing is offered to keep the passphrase.
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByText('asked at every start')).toBeVisible();

    const field = page.getByLabel('Passphrase');
    await expect(field).toBeFocused();
    await field.fill('grain silo at Reni');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('The passphrase is wrong');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);

    await field.fill('another wrong one');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText('try again');

    await field.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const articles = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
    await expect(articles).toHaveCount(1);
    await expect(articles.first()).toContainText('Silo fire');
    expect(host.backend.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);

    // A reload finds the library open: the passphrase is asked once per start of the app.
    await page.reload();
    await expect(articles).toHaveCount(1);
    await page.close();
  } finally {
    await host.close();
  }
});
