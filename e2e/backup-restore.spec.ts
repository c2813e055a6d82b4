import { join } from 'node:path';
import { startHost } from './host/server';
import { importArticle, saved } from './support/articles';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

test('back up the library, restore the backup, and find the library as it was backed up after a restart', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'a.txt', 'Quay closure\n\nThe quay at Ostrava closed on Friday after a crane failure.');
  await selectText(page, 'crane failure');
  await page.keyboard.press('1');
  await saved(page);

  const backupFile = join(workDir, 'library-backup.db');
  host.setSaveAnswer(backupFile);
  await page.getByRole('button', { name: 'Back up library…' }).click();
  const notice = page.getByRole('status', { name: 'Backup' });
  await expect(notice).toContainText(`Backed up 1 article and 1 annotation to ${backupFile}`);

  await importArticle(page, host, workDir, 'b.txt', 'Bridge repairs\n\nThe Kestrel bridge reopened on Sunday.');
  const articles = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await expect(articles).toHaveCount(2);

  // A damaged file is refused with its name, and nothing changes.
  host.setDialogAnswer([join(workDir, 'a.txt')]);
  await page.getByRole('button', { name: 'Restore from backup…' }).click();
  await expect(page.getByRole('alert')).toContainText(join(workDir, 'a.txt'));

  host.setDialogAnswer([backupFile]);
  await page.getByRole('button', { name: 'Restore from backup…' }).click();
  await expect(notice).toContainText('is verified (1 article, 1 annotation)');
  // Nothing is swapped under the running app: the restore waits for the restart.
  await expect(articles).toHaveCount(2);

  await host.close();
  const restarted = await startHost({ dbFile: join(workDir, 'library.db') });
  try {
    expect(restarted.backend.restored).toMatchObject({ applied: true, articles: 1, annotations: 1 });
    await page.goto(restarted.url);
    await expect(articles).toHaveCount(1);
    await articles.first().click();
    await expect(page.locator('[aria-label="Article text"] mark[data-labels="event"]')).toHaveText('crane failure');
  } finally {
    await restarted.close();
  }
});
