import { join } from 'node:path';
import type { SearchIndexStatus } from '../shared/ipc/library';
import { writeLibraryBeforePrefixes } from '../electron/core/testing/old-library';
import { startHost } from './host/server';
import { expect, test } from './support/fixtures';

test('a library from before the longer search prefixes opens at once and rebuilds its search index in the background, searchable all along, with a pause', async ({ context, workDir }) => {
  const file = join(workDir, 'old.db');
  writeLibraryBeforePrefixes(file, 3000);
  const host = await startHost({ dbFile: file });
  try {
    // Paused at once, so the spec finds it under way (a first slice or two may have run).
    const held = await host.backend.dispatch('library/pauseSearchIndex', { paused: true });
    expect(held.ok && (held.value as SearchIndexStatus).state).toBe('paused');
    const page = await context.newPage();
    await page.goto(host.url);

    const status = page.getByRole('region', { name: 'Search index' });
    await expect(status).toContainText('Search index: paused at');
    await expect(status).toContainText('of 3,000 articles');
    await expect(status.getByRole('progressbar', { name: 'Search index progress' })).toBeVisible();

    // The previous index answers searches meanwhile.
    const search = page.getByRole('searchbox', { name: 'Search articles' });
    const count = page.getByRole('status').filter({ hasText: 'article' });
    await search.fill('mentio*');
    await expect(count).toHaveText(/^[\d,]+\+? articles?/);
    const during = await count.textContent();
    // The rows drawn so far: how many depends on the list's scroll, so the first few are compared.
    const firstRows = async () => (await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').allTextContents()).slice(0, 5);
    const firstTitles = await firstRows();
    expect(firstTitles).toHaveLength(5);

    // Paused means paused: the count of rebuilt articles stays where it was.
    const pausedAt = await status.textContent();
    await page.waitForTimeout(1500);
    await expect(status).toHaveText(pausedAt ?? '');

    await status.getByRole('button', { name: 'Resume search index' }).click();
    await expect(status).toContainText('Search index: rebuilding');
    await expect(status.getByRole('button', { name: 'Pause search index' })).toBeVisible();

    // Done: the status goes, and the same search gives the same answer from the new index.
    await expect(status).toBeHidden({ timeout: 60_000 });
    const after = await host.backend.dispatch('library/searchIndex', {});
    expect(after.ok && (after.value as SearchIndexStatus).state).toBe('ready');
    await search.fill('');
    await expect(count).toHaveText('3000 articles');
    await search.fill('mentio*');
    await expect(count).toHaveText(during ?? '');
    await expect.poll(firstRows).toEqual(firstTitles);
  } finally {
    await host.close();
  }
});
