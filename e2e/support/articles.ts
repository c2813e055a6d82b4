import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Host } from '../host/server';
import type { Annotation } from '../../shared/model';
import { expect } from './fixtures';

/** Imports one article through the Import button (the dialog answered by the host) and waits for the reader. */
export async function importArticle(page: Page, host: Host, dir: string, name: string, text: string): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, text);
  host.setDialogAnswer([file]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report').getByText(file)).toBeVisible();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');
  // The reader has switched to the new article when its first line is on screen.
  await expect(page.locator('[aria-label="Article text"] p').first()).toHaveText(text.split('\n')[0] as string);
}

/** Waits until every change on screen has reached the store. */
export async function saved(page: Page): Promise<void> {
  await expect(page.locator('.save-state')).toHaveText('Saved');
}

/** The annotations as the store holds them, read through the same contract the app uses. */
export async function stored(host: Host): Promise<Annotation[]> {
  const list = await host.backend.dispatch('articles/list', {});
  if (!list.ok) throw new Error(list.error.message);
  const items = (list.value as { items: { id: string }[] }).items;
  const all: Annotation[] = [];
  for (const item of items) {
    const got = await host.backend.dispatch('articles/get', { id: item.id });
    if (!got.ok) throw new Error(got.error.message);
    all.push(...(got.value as { annotations: Annotation[] }).annotations);
  }
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}
