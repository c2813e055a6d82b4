import { expect, test } from './support/fixtures';
import { importArticle, saved } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Strike on Brenn

The ministry said the strike on Brenn killed four people overnight.

Residents disputed it.`;

type Cue = { fill: string; lines: string[]; initial: string; text: string };

/** What a highlight looks like: its fill, its stacked underlines and the initial drawn before it. */
function cueOf(page: import('@playwright/test').Page, text: string): Promise<Cue> {
  return page.evaluate((text) => {
    const mark = [...document.querySelectorAll('[aria-label="Article text"] mark')].find((m) => m.textContent === text);
    if (!mark) throw new Error(`no mark "${text}"`);
    const style = getComputedStyle(mark);
    // The underlines drawn, lowest first (unused slots are "none").
    const lines = style.backgroundImage.split(/,\s*(?=(?:repeating-)?linear-gradient|none)/).filter((layer) => layer !== 'none');
    return { fill: style.backgroundColor, lines, initial: getComputedStyle(mark, '::before').content, text: mark.textContent ?? '' };
  }, text);
}

const EVENT = 'rgb(245, 158, 11)';
const CLAIM = 'rgb(59, 130, 246)';

test('an event nested in a claim shows as an event, in colour and in a cue that needs no colour', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'brenn.txt', TEXT);
  await selectText(page, 'The ministry said the strike on Brenn killed four people overnight.');
  await page.keyboard.press('2');
  await selectText(page, 'the strike on Brenn');
  await page.keyboard.press('1');
  await saved(page);

  const nested = await cueOf(page, 'the strike on Brenn');
  const claimOnly = await cueOf(page, 'The ministry said ');
  // Filled with the event's colour, not the claim's.
  expect(nested.fill).toBe('rgba(245, 158, 11, 0.22)');
  expect(claimOnly.fill).toBe('rgba(59, 130, 246, 0.18)');
  // Both labels underlined: the claim's dashed line continues under the event's solid one.
  expect(nested.lines).toEqual([expect.stringMatching(/^repeating-linear-gradient\(90deg, rgb\(59, 130, 246\)/), `linear-gradient(${EVENT}, ${EVENT})`]);
  expect(claimOnly.lines).toEqual([nested.lines[0]]);
  const [nestedBox, claimBox] = await Promise.all(
    ['the strike on Brenn', 'The ministry said '].map((t) =>
      page.locator('[aria-label="Article text"] mark', { hasText: t }).first().evaluate((el) => getComputedStyle(el).paddingBottom),
    ),
  );
  // Room below the text for every line.
  expect([nestedBox, claimBox]).toEqual(['6px', '3px']);
  // Each annotation's first run carries its label's initial, outside the text, with an empty
  // alternative so that screen readers read the text alone.
  expect(nested.initial).toBe('"E" / ""');
  expect(claimOnly.initial).toBe('"C" / ""');
  expect(await page.locator('[aria-label="Article text"] p').nth(1).ariaSnapshot()).toBe(
    ['- paragraph:', '  - mark: The ministry said', '  - mark: the strike on Brenn', '  - mark: killed four people overnight.'].join('\n'),
  );
  expect((await cueOf(page, ' killed four people overnight.')).initial).toBe('none');
  await expect(page.locator('[aria-label="Article text"] p').nth(1)).toHaveText('The ministry said the strike on Brenn killed four people overnight.');

  // Every label in its own line and colour, four deep: claim, event, actor, figure.
  await selectText(page, 'killed four people');
  await page.keyboard.press('1');
  await selectText(page, 'four people');
  await page.keyboard.press('3');
  await selectText(page, 'four');
  await page.keyboard.press('4');
  await saved(page);
  const deepest = await cueOf(page, 'four');
  expect(deepest.lines.map((l) => /rgb\(\d+, \d+, \d+\)/.exec(l)?.[0])).toEqual([CLAIM, EVENT, 'rgb(16, 185, 129)', 'rgb(236, 72, 153)']);
  expect(deepest.fill).toBe('rgba(236, 72, 153, 0.18)');
  // The actor and the figure both start here: outermost first.
  expect(deepest.initial).toBe('"A F" / ""');

  // The legend explains both cues; it sits in the tag buttons' group.
  const legend = page.getByRole('group', { name: 'Tag' }).getByLabel('Legend');
  for (const [label, initial] of [['Event', 'E'], ['Claim', 'C'], ['Actor', 'A'], ['Figure', 'F']]) {
    const swatch = legend.locator('.legend-item', { hasText: label as string }).locator('.swatch');
    const look = await swatch.evaluate((el) => ({ lines: getComputedStyle(el).backgroundImage, initial: getComputedStyle(el, '::before').content }));
    expect(look.lines).toMatch(/gradient/);
    expect(look.initial).toBe(`"${initial}" / ""`);
  }
});
