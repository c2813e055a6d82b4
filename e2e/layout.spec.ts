import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { importArticle } from './support/articles';

const TEXT = `Harbour report from the eastern district, with a rather long title that has to wrap somewhere

Officials in Dorn counted 40 trucks at the harbour on Monday, and the agency said that more would follow before the end of the week, weather allowing.

The agency said more would follow.`;

/** The reader column's width in characters of its own font (the CSS ch), and what overflows its box. */
async function measure(page: Page): Promise<{ chars: number; cut: string[] }> {
  return page.evaluate(() => {
    const text = document.querySelector<HTMLElement>('[aria-label="Article text"]');
    if (!text) throw new Error('no reader');
    const style = getComputedStyle(text);
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;width:10ch;';
    text.appendChild(probe);
    const ch = probe.getBoundingClientRect().width / 10;
    probe.remove();
    const inner = text.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const cut: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) cut.push('page scrolls sideways');
    for (const sel of ['.toolbar', '.article-head', '[aria-label="Article text"]', '.details .quote']) {
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        if (el.scrollWidth > el.clientWidth + 1) cut.push(`${sel} overflows (${el.scrollWidth} > ${el.clientWidth})`);
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1)) cut.push(`${sel} leaves the window`);
      }
    }
    for (const b of document.querySelectorAll<HTMLElement>('.toolbar button')) {
      const box = b.getBoundingClientRect();
      if (box.right > window.innerWidth + 1) cut.push(`button ${b.textContent} leaves the window`);
    }
    return { chars: inner / ch, cut };
  });
}

for (const [width, height] of [
  [1000, 700],
  [800, 600],
] as const) {
  test(`at ${width}x${height} the text column holds at least 60 characters and nothing is cut`, async ({ page, host, workDir }) => {
    await page.setViewportSize({ width, height });
    // The library is a drawer at this width: shown to import, then it closes on the article.
    await page.getByRole('button', { name: 'Show library' }).click();
    await importArticle(page, host, workDir, 'harbour.txt', TEXT);
    await expect(page.getByRole('button', { name: 'Show library' })).toBeVisible();
    const { chars, cut } = await measure(page);
    console.log(`${width}x${height}: reader column ${chars.toFixed(1)} characters`);
    expect(chars).toBeGreaterThanOrEqual(60);
    expect(cut).toEqual([]);

    // The annotations, beside the text or in a drawer, are one button away and do not squeeze it.
    const side = page.getByRole('group', { name: 'Filter annotations' });
    if (width < 1000) {
      await expect(side).toBeHidden();
      await page.getByRole('button', { name: 'Show annotations' }).click();
      await expect(side).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(side).toBeHidden();
    } else {
      await expect(side).toBeVisible();
    }
    expect((await measure(page)).chars).toBeGreaterThanOrEqual(60);
  });
}

test('the side panels collapse at full width too, and the text widens', async ({ page, host, workDir }) => {
  await page.setViewportSize({ width: 1400, height: 800 });
  await importArticle(page, host, workDir, 'harbour.txt', TEXT);
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
  const before = await page.locator('.reader-main').evaluate((el) => el.getBoundingClientRect().width);
  await page.getByRole('button', { name: 'Hide library' }).click();
  await page.getByRole('button', { name: 'Hide annotations' }).click();
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'Filter annotations' })).toBeHidden();
  const after = await page.locator('.reader-main').evaluate((el) => el.getBoundingClientRect().width);
  expect(after).toBeGreaterThan(before + 500);
  await page.getByRole('button', { name: 'Show library' }).click();
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
});

test('at every width from 800 px up the text column keeps 60 characters, whichever panels fit beside it', async ({ page, host, workDir }) => {
  await page.setViewportSize({ width: 1400, height: 800 });
  await importArticle(page, host, workDir, 'harbour.txt', TEXT);
  const seen: string[] = [];
  for (const width of [800, 850, 900, 950, 1000, 1050, 1100, 1150, 1200, 1250, 1300, 1440, 1680, 1920]) {
    await page.setViewportSize({ width, height: 720 });
    await expect(page.locator('.app')).toHaveCSS('--library-width', /px/);
    // A frame for the layout that follows the resize.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const { chars, cut } = await measure(page);
    const modes = await page.locator('.app').evaluate((el) => `${(el as HTMLElement).dataset.libraryMode}/${(el as HTMLElement).dataset.sideMode}`);
    seen.push(`${width}: ${chars.toFixed(1)} ch (library/annotations ${modes})`);
    expect(chars, `at ${width} px`).toBeGreaterThanOrEqual(60);
    expect(cut, `at ${width} px`).toEqual([]);
  }
  console.log(seen.join('\n'));
  // Both panels sit beside the text on a wide screen, and neither on a small one.
  expect(seen.at(-1)).toContain('beside/beside');
  expect(seen[0]).toContain('drawer/drawer');
});

test('the side panels are resized with a keyboard-operable splitter, within what leaves the text its measure, and keep their width', async ({ page, host, workDir, openApp }) => {
  await page.setViewportSize({ width: 1400, height: 800 });
  await importArticle(page, host, workDir, 'harbour.txt', TEXT);
  const splitter = page.getByRole('separator', { name: 'Resize library' });
  const width = () => page.locator('.library').evaluate((el) => Math.round(el.getBoundingClientRect().width));
  await expect(splitter).toHaveAttribute('aria-valuenow', '300');
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', '332');
  expect(await width()).toBe(332);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', '268');

  // The annotations' splitter widens them with ←, as far as End; the text keeps 60 characters.
  const side = page.getByRole('separator', { name: 'Resize annotations' });
  await side.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(side).toHaveAttribute('aria-valuenow', '296');
  await page.keyboard.press('End');
  const max = Number(await side.getAttribute('aria-valuemax'));
  await expect(side).toHaveAttribute('aria-valuenow', String(max));
  expect((await measure(page)).chars).toBeGreaterThanOrEqual(60);
  // The library cannot take that room from the text now; Home gives it back.
  await expect(splitter).toHaveAttribute('aria-valuemax', '268');
  await page.keyboard.press('Home');
  await expect(side).toHaveAttribute('aria-valuenow', '240');

  // Dragged with the pointer too.
  const box = await splitter.boundingBox();
  if (!box) throw new Error('no splitter on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(splitter).toHaveAttribute('aria-valuenow', '308');

  // Remembered in a new window.
  const again = await openApp();
  await again.setViewportSize({ width: 1400, height: 800 });
  await expect(again.getByRole('separator', { name: 'Resize library' })).toHaveAttribute('aria-valuenow', '308');
});
