import { expect, test } from './support/fixtures';
import { contract } from './support/registry';
import { loadDroneReports } from '../electron/core/testing/drone-reports';
import type { Disagreement } from '../shared/ipc/figures';

test('the Figures view lists the disagreements of three reports with their quotes side by side; Resolve records a value and undo takes it back', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const loaded = await loadDroneReports(host.backend);
  await contract(host, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
  await page.reload();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Figures' }).click();
  const list = page.getByRole('listbox', { name: 'Disagreements' });
  const options = list.getByRole('option');
  await expect(options).toHaveCount(2);
  // Conflicts first: the incident's intercepted drones, each report's quote with its source and date.
  const conflict = options.first();
  await expect(conflict).toContainText('Conflict');
  await expect(conflict).toContainText('intercepted drone');
  for (const quote of ['shot down 62 drones', 'downed 76 drones', 'Around 80 drones were shot down', 'Щонайменше 70 дронів збито']) await expect(conflict.getByText(quote)).toBeVisible();
  await expect(conflict.getByRole('listitem').filter({ hasText: 'shot down 62 drones' })).toContainText('Daily Ledger, 2024-11-26');
  await expect(options.nth(1)).toContainText('Variance');

  // By keyboard: the list is one tab stop; Enter on the active disagreement opens Resolve.
  await list.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Resolve disagreement' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Accepted value').fill('76');
  await dialog.getByLabel('Resolution note').fill('the ministry count');
  await dialog.getByRole('button', { name: 'Save resolution' }).click();
  await expect(dialog).toBeHidden();
  await expect(conflict).toContainText('Resolved: accepted 76 — the ministry count');
  const stored = async () => (await contract<{ items: Disagreement[] }>(host, 'figures/disagreements', { kind: 'conflict' })).items[0]?.resolution ?? null;
  expect(await stored()).toMatchObject({ decision: 'value', value: 76, note: 'the ministry count' });

  // Undo takes the decision back; the same dialog also records "not the same count".
  await list.focus();
  await page.keyboard.press('Control+z');
  await expect(conflict).toContainText('Unresolved');
  expect(await stored()).toBeNull();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await dialog.getByLabel('Not the same count').check();
  await dialog.getByRole('button', { name: 'Save resolution' }).click();
  await expect(conflict).toContainText('Resolved: not the same count');
  expect(await stored()).toMatchObject({ decision: 'not_same_count' });

  // The reader's summary counts the open article's own disagreements: article one's variance
  // (wide enough for the library to stand beside the text rather than in a drawer).
  await page.setViewportSize({ width: 1400, height: 800 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' }).click();
  const articles = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  const summary = page.getByRole('region', { name: 'Article summary' });
  await articles.filter({ hasText: 'Moscow pledges retaliation after ATACMS strikes' }).click();
  await expect(summary).toContainText('1 disagreement between figures (0 conflicts), 1 to resolve in Figures');
  await articles.filter({ hasText: 'Record drone attack on Ukraine' }).click();
  await expect(summary).toContainText('No disagreements between figures');
});
