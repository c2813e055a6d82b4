import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { saved, stored } from './support/articles';
import { attackReports, storedRoles } from './support/events';

/** Clicks the highlight run showing `text` exactly (one run of a span, maybe inside others). */
function run(page: Page, text: string) {
  return page.locator('[aria-label="Article text"] mark').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
}

/** Selects the harbour report's event: its highlight lies inside the claim, so a click asks which one is meant. */
async function selectHarbourEvent(page: Page) {
  await run(page, 'launched 112 drones at').click();
  await page.getByRole('menuitem', { name: /^Event: launched 112 drones/ }).click();
}

/** Opens an article from the library, which is a drawer at 1000 px (it closes on the article). */
async function openArticle(page: Page, title: RegExp) {
  await page.getByRole('button', { name: 'Show library' }).click();
  await page.getByRole('option', { name: title }).click();
}

test('an event\'s roles are built by keyboard and by clicking highlights, drawn in the text, removed and undone; its type comes from the codebook', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const [harbour] = await attackReports(host, { roles: false });
  const { ids, articleId } = harbour!;
  await page.reload();
  await openArticle(page, /Drones over Ostrivka/);
  await selectHarbourEvent(page);
  const details = page.getByLabel('Annotation details');
  await expect(details.getByRole('combobox', { name: 'Label' })).toHaveValue('event');

  // By keyboard: the Actor picker offers the article's actors; typing narrows, Enter takes one.
  const actor = details.getByRole('combobox', { name: 'Actor', exact: true });
  await actor.focus();
  await expect(page.getByRole('option', { name: /Russia/ })).toBeVisible();
  await page.keyboard.type('russ');
  await expect(page.getByRole('option', { name: /^Russia/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await saved(page);
  // Focus stays in the field for the next one; Escape twice leaves it.
  await expect(actor).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(actor).not.toBeFocused();
  const target = details.getByRole('combobox', { name: 'Target', exact: true });
  await target.focus();
  await page.keyboard.type('ukr');
  await page.keyboard.press('Enter');
  await saved(page);
  expect(await storedRoles(host, articleId, ids.event!)).toEqual([
    { role: 'actor', spanId: ids.russia },
    { role: 'target', spanId: ids.ukraine },
  ]);

  // By click: an armed picker takes the highlight clicked, and the event stays selected.
  const pickFigure = details.getByRole('button', { name: 'Pick in text: Figures' });
  await pickFigure.click();
  await expect(pickFigure).toHaveAttribute('aria-pressed', 'true');
  await run(page, 'Two people were killed').click();
  await saved(page);
  await expect(details.getByRole('combobox', { name: 'Label' })).toHaveValue('event');
  // A highlight of another label is refused with the reason.
  await run(page, 'Russia').first().click();
  await expect(page.getByText(/Not added: that highlight is not a figure/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pickFigure).toHaveAttribute('aria-pressed', 'false');
  await details.getByRole('button', { name: 'Pick in text: Source' }).click();
  await run(page, 'said').first().click();
  await page.keyboard.press('Escape');
  await saved(page);
  expect(await storedRoles(host, articleId, ids.event!)).toEqual([
    { role: 'actor', spanId: ids.russia },
    { role: 'figure', spanId: ids.killed },
    { role: 'source', spanId: ids.claim },
    { role: 'target', spanId: ids.ukraine },
  ]);

  // The roles are drawn in the text as numbered badges on their spans.
  await expect(page.locator('mark[data-role-badge~="A1"]')).toHaveText('Russia');
  await expect(page.locator('mark[data-role-badge~="T1"]')).toHaveText('Ukraine');
  await expect(page.locator('mark[data-role-badge~="F1"]')).toHaveText('Two people were killed');
  await expect(page.locator('mark[data-role="source"]').first()).toBeVisible();
  // ...and only while the event is selected.
  await run(page, 'Two people were killed').click();
  await expect(details.getByRole('combobox', { name: 'Label' })).toHaveValue('figure');
  await expect(page.locator('mark[data-role]')).toHaveCount(0);
  await selectHarbourEvent(page);
  await expect(page.locator('mark[data-role-badge~="A1"]')).toHaveText('Russia');

  // Removing a role, then Ctrl+Z: it is back, in the store and on screen.
  await details.getByRole('button', { name: 'Remove Ukraine from Target' }).click();
  await saved(page);
  await expect(page.locator('mark[data-role="target"]')).toHaveCount(0);
  expect((await storedRoles(host, articleId, ids.event!)).map((r) => r.role)).toEqual(['actor', 'figure', 'source']);
  await page.keyboard.press('Control+z');
  await saved(page);
  await expect(page.locator('mark[data-role-badge~="T1"]')).toHaveText('Ukraine');
  expect((await storedRoles(host, articleId, ids.event!)).map((r) => r.role)).toEqual(['actor', 'figure', 'source', 'target']);

  // The codebook: ACLED's types and sub-types, and one of the analyst's own.
  await details.getByRole('combobox', { name: 'Event type' }).selectOption('Battles');
  await details.getByRole('combobox', { name: 'Event sub-type' }).selectOption('Armed clash');
  await saved(page);
  let event = (await stored(host)).find((a) => a.id === ids.event);
  expect(event?.attrs).toMatchObject({ type: 'Battles', subType: 'Armed clash' });
  await details.getByRole('button', { name: 'Add a type…' }).click();
  await details.getByRole('textbox', { name: 'New event type' }).fill('Drone incursion');
  await details.getByRole('textbox', { name: 'New sub-type' }).fill('Airspace violation');
  await details.getByRole('button', { name: 'Add to codebook' }).click();
  await saved(page);
  await expect(details.getByRole('combobox', { name: 'Event type' })).toHaveValue('Drone incursion');
  event = (await stored(host)).find((a) => a.id === ids.event);
  expect(event?.attrs).toMatchObject({ type: 'Drone incursion', subType: 'Airspace violation' });
  // The date's precision is read from the partial date.
  await expect(details.getByRole('note', { name: 'Precision of the date' })).toHaveText('Known to the day');
  await details.getByRole('textbox', { name: /^Date/ }).fill('2026-03');
  await expect(details.getByRole('note', { name: 'Precision of the date' })).toHaveText('Known to the month');
});

test('the role pickers and their badges read in the dark theme at 1000x700', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await attackReports(host, { roles: true });
  await page.reload();
  await openArticle(page, /Night attack kills two/);
  await run(page, 'with more than a hundred drones').click();
  const details = page.getByLabel('Annotation details');
  const actor = details.getByRole('combobox', { name: 'Actor', exact: true });
  await actor.scrollIntoViewIfNeeded();
  await expect(actor).toBeVisible();
  await expect(page.locator('mark[data-role-badge~="A1"]')).toHaveText('Russian forces');
  // The badge's text and its background differ enough to read (both come from the theme's variables).
  const colours = await page.locator('mark[data-role-badge~="A1"]').evaluate((el) => {
    const style = getComputedStyle(el, '::after');
    return { color: style.color, background: style.backgroundColor };
  });
  expect(colours.color).not.toBe(colours.background);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
