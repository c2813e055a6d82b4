import { expect, test } from './support/fixtures';
import { importEventReports, openView } from './support/events-corpus';

test('the network draws who acted on whom, weighted by incidents, with a table of its edges and a type filter', async ({ page, host, workDir }) => {
  await importEventReports(page, host, workDir);
  await openView(page, 'Network');
  const chart = page.getByRole('img', { name: 'Network' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('[data-node]')).toHaveCount(2);
  await expect(chart.locator('[data-edge]')).toHaveCount(2);
  const table = page.getByRole('table', { name: 'Network as a table' });
  // Russia's two reports of one attack are one incident; Ukraine's clash another.
  await expect(table.getByRole('row').nth(1)).toHaveText(/Russia\s*Ukraine\s*1\s*2/);
  await expect(table.getByRole('row').nth(2)).toHaveText(/Ukraine\s*Russia\s*1\s*1/);
  // The heavier edge is drawn thicker.
  const widths = await chart.locator('[data-edge]').evaluateAll((lines) => lines.map((l) => [l.getAttribute('data-edge'), Number(l.getAttribute('stroke-width'))] as const));
  const width = (name: string) => widths.find(([n]) => n === name)?.[1] ?? 0;
  expect(width('Russia -> Ukraine')).toBeGreaterThanOrEqual(width('Ukraine -> Russia'));

  await page.getByLabel('Filter by type').selectOption('Battles');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toHaveText(/Ukraine\s*Russia\s*1\s*1/);
  await expect(chart.locator('[data-edge]')).toHaveCount(1);

  // Focusing an edge's row brings out its edge in the picture.
  await table.getByRole('row').nth(1).focus();
  await expect(chart.locator('line.edge.near')).toHaveCount(1);
});
