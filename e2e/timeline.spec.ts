import { expect, test } from './support/fixtures';
import { importEventReports, openView } from './support/events-corpus';

test('the timeline draws events by date, filters by type, actor and source, shows figures and opens the reports', async ({ page, host, workDir }) => {
  await importEventReports(page, host, workDir);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/__rpc/timeline/counts')) asked.push(r.postData() ?? '');
  });
  await openView(page, 'Timeline');
  const chart = page.getByRole('img', { name: 'Timeline' });
  await expect(chart).toBeVisible();
  // Opened, the view asks for the counts once: the actor field's pause ends without a new query.
  await page.waitForTimeout(600);
  expect(asked).toEqual(['{}']);
  // One path per type drawn, named in the legend.
  await expect(chart.locator('path.series')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('Explosions/Remote violence');

  const table = page.getByRole('table', { name: 'Timeline as a table' });
  const row = (period: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: period }) });
  await expect(row('2026-03-14')).toContainText('Explosions/Remote violence: 2');
  // Two reports, one incident; the two death tolls read as a range.
  await expect(row('2026-03-14').getByRole('cell').nth(1)).toHaveText('1');
  await expect(row('2026-03-14')).toContainText('2–3 people (2 reports)');
  await expect(row('2026-04-02')).toContainText('Battles: 1');

  await page.getByLabel('Filter by type').selectOption('Battles');
  await expect(row('2026-03-14')).toHaveCount(0);
  await expect(row('2026-04-02')).toBeVisible();
  await page.getByLabel('Filter by type').selectOption('');
  await page.getByLabel('Filter by actor').fill('russia');
  await expect(row('2026-04-02')).toHaveCount(0);
  await expect(row('2026-03-14')).toBeVisible();
  await page.getByLabel('Filter by actor').fill('');
  await page.getByLabel('Filter by source').selectOption('Harbour Wire');
  await expect(row('2026-03-14')).toContainText('Explosions/Remote violence: 1');
  await expect(row('2026-04-02')).toHaveCount(0);
  await page.getByLabel('Filter by source').selectOption('');
  await expect(row('2026-04-02')).toBeVisible();

  // The keyboard walks the bars; the card shows the figures, Enter lists the reports.
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  const card = page.getByRole('tooltip');
  await expect(card).toContainText('2026-03-14');
  await expect(card).toContainText('2 events, 1 incident');
  await expect(card).toContainText('2–3 people (2 reports)');
  await page.keyboard.press('Enter');
  const reports = page.getByRole('region', { name: 'Reports' });
  await expect(reports.getByRole('listitem')).toHaveCount(2);
  await reports.getByRole('listitem').filter({ hasText: 'Night attack kills three' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Night attack kills three');
});

test('the timeline pans with the pointer and zooms with the keyboard, and reads in the dark theme', async ({ page, host, workDir }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await importEventReports(page, host, workDir);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/__rpc/timeline/counts')) asked.push(r.postData() ?? '');
  });
  await openView(page, 'Timeline');
  const chart = page.getByRole('img', { name: 'Timeline' });
  await expect(chart).toBeVisible();
  // Opened, the view asks for the counts once: the actor field's pause ends without a new query.
  await page.waitForTimeout(600);
  expect(asked).toEqual(['{}']);
  const background = await chart.evaluate((el) => getComputedStyle(el).backgroundColor);
  const label = await chart.locator('text').first().evaluate((el) => getComputedStyle(el).fill);
  // Light text on a dark surface.
  const lum = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0);
  expect(lum(background)).toBeLessThan(200);
  expect(lum(label)).toBeGreaterThan(400);
  const before = await chart.locator('text.tick').first().textContent();
  const box = await chart.boundingBox();
  if (!box) throw new Error('no chart box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => chart.locator('text.tick').first().textContent()).not.toBe(before);
  await chart.focus();
  const ticks = await chart.locator('text.tick').allTextContents();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(() => chart.locator('text.tick').allTextContents()).not.toEqual(ticks);
});
