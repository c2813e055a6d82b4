import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { EventRecord } from '../shared/ipc/events';
import { expect, test } from './support/fixtures';
import { saved } from './support/articles';
import { attackReports } from './support/events';
import { contract } from './support/registry';

async function incidents(host: Parameters<typeof attackReports>[0]): Promise<(string | null)[]> {
  const { items } = await contract<{ items: EventRecord[] }>(host, 'events/list', { sort: 'source', descending: false });
  return items.map((e) => e.incidentId);
}

/** The Daily Ledger's event: its highlight holds an actor, so the click goes to a run of the event alone. */
async function selectLedgerEvent(page: Page) {
  await page.getByRole('button', { name: 'Show library' }).click();
  await page.getByRole('option', { name: /Night attack kills two/ }).click();
  await page.locator('[aria-label="Article text"] mark').filter({ hasText: /^\s*with more than a hundred drones\s*$/ }).click();
}

test('the other reports of the attack are proposed, confirmed by keyboard and by button, undone, shown side by side on the incident page, and one taken out there and put back with Ctrl+Z', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await attackReports(host, { roles: true });
  await page.reload();
  await selectLedgerEvent(page);
  const details = page.getByLabel('Annotation details');
  await expect(details.getByText('Not in an incident yet.')).toBeVisible();

  // Both other reports are proposed, with the reasons.
  const proposed = details.getByRole('list', { name: 'Proposed reports' });
  await expect(proposed.getByRole('listitem')).toHaveCount(2);
  await expect(proposed).toContainText('Drones over Ostrivka');
  await expect(proposed).toContainText('Нічна атака дронів');
  await expect(proposed.getByRole('listitem').first()).toContainText('close dates');

  // By keyboard: the Incident picker lists them; Enter confirms the active one.
  const picker = details.getByRole('combobox', { name: 'Incident' });
  await picker.focus();
  await page.keyboard.type('ostrivka');
  await expect(page.getByRole('option', { name: /Drones over Ostrivka/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await saved(page);
  await expect(details.getByText(/One incident with 1 other report/)).toBeVisible();
  let grouped = await incidents(host);
  expect(grouped.filter((id) => id !== null)).toHaveLength(2);

  // The third by its button: all three are one incident.
  await proposed.getByRole('button', { name: /Confirm same incident: Нічна атака дронів/ }).click();
  await saved(page);
  await expect(details.getByText(/One incident with 2 other reports/)).toBeVisible();
  grouped = await incidents(host);
  expect(new Set(grouped).size).toBe(1);
  expect(grouped[0]).not.toBeNull();

  // Ctrl+Z takes the last confirmation back; Ctrl+Shift+Z makes it again.
  await picker.blur();
  await page.keyboard.press('Control+z');
  await saved(page);
  await expect(details.getByText(/One incident with 1 other report/)).toBeVisible();
  expect((await incidents(host)).filter((id) => id !== null)).toHaveLength(2);
  await page.keyboard.press('Control+Shift+z');
  await saved(page);
  await expect(details.getByText(/One incident with 2 other reports/)).toBeVisible();

  // The incident's page: every report side by side, each with its title, source, quote and figures.
  await details.getByRole('button', { name: 'Open incident' }).click();
  const incident = page.getByRole('region', { name: 'Incident' });
  await expect(incident.getByRole('heading', { level: 2 })).toHaveText('Incident, 2026-03-14');
  const reports = incident.getByRole('list', { name: 'Reports' }).getByRole('listitem');
  await expect(reports).toHaveCount(3);
  await expect(incident).toContainText('3 reports from 3 sources');
  for (const [title, source, quote, figure] of [
    ['Drones over Ostrivka', 'Harbour Wire', 'launched 112 drones at Ukraine overnight', '2 people'],
    ['Night attack kills two', 'Daily Ledger', 'attacked Ukraine with more than a hundred drones', '2 civilians'],
    ['Нічна атака дронів', 'Вісті Острівки', 'атакувала Україну 112 дронами', '2 людей'],
  ] as const) {
    const card = reports.filter({ has: page.getByRole('heading', { name: title }) });
    await expect(card).toContainText(source);
    await expect(card).toContainText(quote);
    await expect(card).toContainText(figure);
    await expect(card).toContainText('Russia');
  }
  // Side by side: the three cards share one row at 1000 px.
  const tops = await reports.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);

  // Nothing serious for axe-core on the page, in either theme.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('.incident-page').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  // A report taken out of the incident on its page: Ctrl+Z puts it back, Ctrl+Shift+Z takes it out again.
  await reports.filter({ has: page.getByRole('heading', { name: 'Нічна атака дронів' }) }).getByRole('button', { name: /^Remove from incident/ }).click();
  await expect(reports).toHaveCount(2);
  await expect(incident.getByRole('status')).toContainText('Removed “Нічна атака дронів” from the incident.');
  await expect(incident).toContainText('2 reports from 2 sources');
  expect((await incidents(host)).filter((id) => id !== null)).toHaveLength(2);
  await page.keyboard.press('Control+z');
  await expect(reports).toHaveCount(3);
  await expect(incident.getByRole('status')).toContainText('Undone: Removed');
  expect(new Set(await incidents(host)).size).toBe(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(reports).toHaveCount(2);
  expect((await incidents(host)).filter((id) => id !== null)).toHaveLength(2);
  await page.keyboard.press('Control+z');
  await expect(reports).toHaveCount(3);
  expect(new Set(await incidents(host)).size).toBe(1);

  // A jump to a report opens its article at the event.
  await reports.filter({ has: page.getByRole('heading', { name: 'Нічна атака дронів' }) }).getByRole('button', { name: /^Open in article/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Нічна атака дронів');
  await expect(page.locator('mark[data-selected="true"]').first()).toContainText('атакувала');
});
