import { expect, test } from './support/fixtures';
import { contract } from './support/registry';
import { loadDroneReports } from '../electron/core/testing/drone-reports';
import type { Disagreement } from '../shared/ipc/figures';

test('the reader resolves the open article’s disagreement, and undo takes the decision back as in the Figures view', async ({ page, host }) => {
  await page.setViewportSize({ width: 1400, height: 800 });
  await loadDroneReports(host.backend);
  await page.reload();

  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').filter({ hasText: 'Moscow pledges retaliation after ATACMS strikes' }).click();
  const summary = page.getByRole('region', { name: 'Article summary' });
  await expect(summary).toContainText('1 disagreement between figures (0 conflicts), 1 to resolve in Figures');
  const list = summary.getByRole('list', { name: 'Article disagreements' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Variance intercepted drone');
  await expect(list).toContainText('Unresolved');

  const stored = async () => (await contract<{ items: Disagreement[] }>(host, 'figures/disagreements', {})).items[0]?.resolution ?? null;
  await list.getByRole('button', { name: 'Resolve intercepted drone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Resolve disagreement' });
  await dialog.getByLabel('Accepted value').fill('76');
  await dialog.getByLabel('Resolution note').fill('the ministry count');
  await dialog.getByRole('button', { name: 'Save resolution' }).click();
  await expect(dialog).toBeHidden();
  await expect(list).toContainText('Resolved: accepted 76 — the ministry count');
  await expect(summary).toContainText('all resolved');
  expect(await stored()).toMatchObject({ decision: 'value', value: 76 });

  // Ctrl+Z in the list undoes the resolution, not an edit of the article.
  const panel = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  const spans = await panel.count();
  expect(spans).toBeGreaterThan(0);
  await list.getByRole('button', { name: 'Resolve intercepted drone' }).focus();
  await page.keyboard.press('Control+z');
  await expect(list).toContainText('Unresolved');
  await expect(summary).toContainText('1 to resolve in Figures');
  expect(await stored()).toBeNull();
  await expect(panel).toHaveCount(spans);

  // A second decision over an earlier one: Undo puts the earlier one back.
  await list.getByRole('button', { name: 'Resolve intercepted drone' }).click();
  await dialog.getByLabel('Not the same count').check();
  await dialog.getByRole('button', { name: 'Save resolution' }).click();
  await expect(list).toContainText('Resolved: not the same count');
  await list.getByRole('button', { name: 'Resolve intercepted drone' }).click();
  await dialog.getByLabel('Accept a value').check();
  await dialog.getByLabel('Accepted value').fill('80');
  await dialog.getByRole('button', { name: 'Save resolution' }).click();
  await expect(list).toContainText('Resolved: accepted 80');
  await summary.getByRole('button', { name: /^Undo resolution/ }).click();
  await expect(list).toContainText('Resolved: not the same count');
  expect(await stored()).toMatchObject({ decision: 'not_same_count' });
});
