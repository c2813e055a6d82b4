import type { Locator } from '@playwright/test';
import type { Annotation } from '../shared/model';
import { importText } from '../electron/core/testing/backend';
import { expect, test } from './support/fixtures';
import { attackReports } from './support/events';
import { contract } from './support/registry';

const PROTEST = 'Crowds in Dorn\n\nProtesters gathered outside the council in Dorn on Sunday. About 300 people marched, organisers said.';

/** A fourth report, of another kind, place, source and year, with no incident. */
async function protestReport(host: Parameters<typeof attackReports>[0]): Promise<string> {
  const articleId = await importText(host.backend, PROTEST);
  await contract(host, 'articles/updateMeta', { id: articleId, meta: { source: 'Dorn Courier', publishedAt: '2025-11-02' } });
  const at = (quote: string) => ({ start: PROTEST.indexOf(quote), end: PROTEST.indexOf(quote) + quote.length });
  const [event, actor, figure] = await contract<Annotation[]>(host, 'annotations/createMany', {
    articleId,
    items: [
      { label: 'event', ...at('gathered outside the council'), attrs: { type: 'Protests', subType: 'Peaceful protest', date: '2025-11-02', location: 'Dorn' } },
      { label: 'actor', ...at('Protesters'), attrs: { canonicalName: 'Protesters (Dorn)' } },
      { label: 'figure', ...at('About 300 people'), attrs: { value: 300, unit: 'people', qualifier: 'approximate' } },
    ],
  });
  await contract(host, 'roles/set', { eventId: event!.id, roles: [{ role: 'actor', spanId: actor!.id }, { role: 'figure', spanId: figure!.id }] });
  return event!.id;
}

const body = (table: Locator) => table.locator('.events-body [role="row"]');

test('the Events view lists every event with its record, sorts, filters by type, actor, dates and source, and opens a row\'s reports', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const reports = await attackReports(host, { roles: true });
  await contract(host, 'incidents/group', { eventIds: reports.map((r) => r.ids.event) });
  await protestReport(host);
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events' }).click();
  const table = page.getByRole('table', { name: 'Events' });
  const rows = body(table);
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: /events/ })).toContainText('4 events');
  const headers = await table.getByRole('columnheader').allTextContents();
  expect(headers.map((h) => h.replace(/ [↑↓]$/, ''))).toEqual(['Date', 'Type', 'Actor', 'Target', 'Location', 'Figures', 'Sources']);

  // Newest first; each row is a record: canonical actor names, the target, figures, the source.
  await expect(rows.last()).toContainText('2025-11-02');
  const harbour = rows.filter({ hasText: 'Harbour Wire' });
  await expect(harbour).toContainText('Explosions/Remote violence');
  await expect(harbour).toContainText('Russia');
  await expect(harbour).toContainText('Ukraine');
  await expect(harbour).toContainText('2 people');
  await expect(rows.filter({ hasText: 'Вісті Острівки' })).toContainText('Russia');
  await expect(rows.last()).toContainText('about 300 people');

  // Sorting by a column's header: date ascending puts the protest first; by source, A to Z.
  await table.getByRole('button', { name: 'Sort by date' }).click();
  await expect(table.getByRole('columnheader', { name: /date/i })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('Dorn Courier');
  await table.getByRole('button', { name: 'Sort by sources' }).click();
  await expect(rows.first()).toContainText('Daily Ledger');
  await expect(rows.nth(1)).toContainText('Dorn Courier');

  // Filters: type, actor, date range, source; each narrows the table and the count.
  await page.getByRole('combobox', { name: 'Filter by type' }).selectOption('Protests');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Protesters (Dorn)');
  await page.getByRole('combobox', { name: 'Filter by type' }).selectOption('');
  await page.getByRole('searchbox', { name: 'Filter by actor' }).fill('russia');
  await expect(rows).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Filter by actor' }).fill('');
  await page.getByLabel('Event date to').fill('2025-12-31');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Event date to').fill('');
  await page.getByLabel('Event date from').fill('2026-01-01');
  await expect(rows).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Filter by source' }).selectOption('Daily Ledger');
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: /event/ })).toContainText('1 event');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);

  // The keyboard: one tab stop, arrows move, Enter opens. A row of an incident opens its page.
  await rows.first().focus();
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  const incident = page.getByRole('region', { name: 'Incident' });
  await expect(incident.getByRole('list', { name: 'Reports' }).getByRole('listitem')).toHaveCount(3);
  await incident.getByRole('button', { name: '← Back to events' }).click();

  // A row in no incident opens its report: the article, at the event.
  await expect(rows).toHaveCount(4);
  await rows.filter({ hasText: 'Dorn Courier' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crowds in Dorn');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('gathered outside the council');
});

test('the Events table reads in the dark theme at 1000x700, nothing cut off', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await attackReports(host, { roles: true });
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events' }).click();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(body(table)).toHaveCount(3);
  const look = await table.evaluate((el) => {
    const row = el.querySelector('.events-body [role="row"]') as HTMLElement;
    return { text: getComputedStyle(row).color, background: getComputedStyle(document.querySelector('.events-view') as HTMLElement).backgroundColor, right: el.getBoundingClientRect().right };
  });
  expect(look.text).not.toBe(look.background);
  expect(look.right).toBeLessThanOrEqual(1000);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
