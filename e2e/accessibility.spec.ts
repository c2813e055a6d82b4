import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { contract, createEntity, linkedActors, onlyArticleId } from './support/registry';
import { SURFACES } from './support/surfaces';

const TEXT = `Harbour report from Dorn

Officials in Dorn counted 40 trucks at the harbour on Monday, and the agency said that more would follow.

Harbour Authority said 12 ships waited. The agency claimed the port would reopen by Friday.`;

const SIZE = { width: 1400, height: 900 };

/** What axe-core finds at impact serious or critical on the page as it is now, one line each. */
async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

/** The library with one annotated article open: a highlight of each label, an actor linked to an entity. */
async function annotatedLibrary(page: Page, host: Parameters<typeof importArticle>[1], workDir: string): Promise<void> {
  const entity = await createEntity(host, { name: 'Harbour Authority', actorKind: 'organisation' });
  await importArticle(page, host, workDir, 'harbour.txt', TEXT);
  const id = await onlyArticleId(host);
  const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
  await linkedActors(host, id, TEXT, 'Harbour Authority', entity.id);
  await contract(host, 'annotations/createMany', {
    articleId: id,
    items: [
      { label: 'actor', ...at('Officials in Dorn'), attrs: {} },
      { label: 'figure', ...at('40 trucks'), attrs: {} },
      { label: 'event', ...at('counted 40 trucks at the harbour'), attrs: {} },
      { label: 'claim', ...at('the port would reopen by Friday'), attrs: {} },
    ],
  });
  await page.reload();
  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first().click();
  for (const label of ['event', 'claim', 'actor', 'figure']) await expect(page.locator(`mark[data-labels~="${label}"]`).first()).toBeVisible();
  await saved(page);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe-core finds nothing serious or critical on any view, dialog or drawer in the ${theme} theme`, async ({ page, host, workDir }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(SIZE);
    await annotatedLibrary(page, host, workDir);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    const found: Record<string, string[]> = {};
    found['library with an article open'] = await serious(page);

    for (const surface of SURFACES) {
      if (surface.viewport) await page.setViewportSize(surface.viewport);
      await surface.open(page);
      found[surface.name] = await serious(page);
      await surface.close(page);
      if (surface.viewport) await page.setViewportSize(SIZE);
    }

    // Every view the navigation offers, the library last so the spec ends where it began.
    const nav = page.getByRole('navigation', { name: 'Views' });
    const views = await nav.getByRole('button').allTextContents();
    expect(views).toContain('Library');
    for (const view of [...views.filter((v) => v !== 'Library'), 'Library']) {
      await nav.getByRole('button', { name: view, exact: true }).click();
      await expect(nav.getByRole('button', { name: view, exact: true })).toHaveAttribute('aria-current', 'page');
      // The view's first data has arrived when nothing says it is loading.
      await expect(page.getByText('Loading…')).toHaveCount(0);
      found[`${view} view`] = await serious(page);
    }

    // Each finding once, with the first place it was seen (the page behind a dialog is checked again with it).
    const seen = new Set<string>();
    const problems = Object.entries(found).flatMap(([where, list]) =>
      list.filter((line) => !seen.has(line) && seen.add(line)).map((line) => `${where}: ${line}`),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
