import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHost } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import type { Config } from '../lib/config';
import { buildRenderer } from '../lib/renderer';
import { emit, median, note, percentile } from '../lib/report';
import { makeStore } from './events-view';

/**
 * The Timeline at 1,000, 10,000 and 100,000 events over six years (the size), in the built
 * renderer in Chromium at 1000x700, served by the test host with the real handlers and store.
 *
 * Render: from the click on Timeline in the views bar to the first frame drawn with the chart's
 * series in it (the counts fetched, binned and drawn), the library written to just before so the
 * store counts anew; reopen: the same with the library unchanged since the last open. Its baseline, on the same page in the same
 * run, is drawing the chart again without fetching (a zoom by the keyboard, to the frame it shows).
 *
 * Panning: a pointer drag across the chart, the input arriving as fast as Chromium takes it, while
 * every frame's time is recorded. The figure is the p95 interval between frames during the drag;
 * its baseline is the same page's p95 frame interval while nothing happens (the display's cadence),
 * so a ratio near 1 is a pan that never drops a frame.
 */

/** Resolves with the time from `start` to the first frame in which `drawn` holds, after the tasks that frame queued. */
const UNTIL_DRAWN = `(start, drawn) => new Promise((resolve, reject) => {
  const timeout = setTimeout(() => reject(new Error('timeline: not drawn within 60 s')), 60000);
  const t0 = performance.now();
  start();
  const check = () => {
    if (!drawn()) return requestAnimationFrame(check);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      clearTimeout(timeout);
      resolve(performance.now() - t0);
    };
    channel.port2.postMessage(0);
  };
  requestAnimationFrame(check);
})`;

const SERIES = 'svg[aria-label="Timeline"] path.series';

function openTimeline(page: Page): Promise<number> {
  return page.evaluate<number>(`(${UNTIL_DRAWN})(
    () => [...document.querySelectorAll('nav[aria-label="Views"] button')].find((b) => b.textContent.trim() === 'Timeline').click(),
    () => document.querySelector('${SERIES}') !== null,
  )`);
}

function redraw(page: Page, key: '+' | '-'): Promise<number> {
  return page.evaluate<number>(`(() => {
    const svg = document.querySelector('svg[aria-label="Timeline"]');
    const before = svg.querySelector('path.series').getAttribute('d');
    return (${UNTIL_DRAWN})(
      () => svg.dispatchEvent(new KeyboardEvent('keydown', { key: '${key}', bubbles: true })),
      () => svg.querySelector('path.series')?.getAttribute('d') !== before,
    );
  })()`);
}

/** Frame intervals recorded for `ms` while `during` runs; and how many frames showed a new chart. */
async function framesWhile(page: Page, during: () => Promise<void>): Promise<{ intervals: number[]; redrawn: number }> {
  await page.evaluate(`(() => {
    const rec = (window.__frames = { times: [], paths: new Set(), on: true });
    const tick = (t) => {
      if (!rec.on) return;
      rec.times.push(t);
      const d = document.querySelector('${SERIES}')?.getAttribute('d');
      if (d) rec.paths.add(d);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await during();
  return page.evaluate<{ intervals: number[]; redrawn: number }>(`(() => {
    const rec = window.__frames;
    rec.on = false;
    const intervals = rec.times.slice(1).map((t, i) => t - rec.times[i]);
    return { intervals, redrawn: rec.paths.size - 1 };
  })()`);
}

export async function timelineSuite(cfg: Config): Promise<void> {
  let rendererDir = cfg.rendererDir;
  if (!rendererDir) {
    note('timeline: building the renderer');
    rendererDir = await buildRenderer(join(cfg.work, 'timeline-renderer'));
  }
  const sizes = cfg.quick ? [20, 200, 2_000] : [1_000, 10_000, 100_000];
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    for (const [rung, n] of sizes.entries()) {
      const file = join(cfg.work, `timeline-${n}.db`);
      note(`timeline: ${n} events`);
      makeStore(file, n);
      const host = await startHost({ dbFile: file, rendererDir, author: 'bench' });
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
        await page.goto(host.url);
        await page.getByRole('navigation', { name: 'Views' }).waitFor();
        const opens: number[] = [];
        const reopens: number[] = [];
        const redraws: number[] = [];
        const library = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' });
        // The store keeps the counts while the library is unchanged: a write before each timed
        // open (a title set to itself, through the store's triggers) makes every one count anew,
        // as after an analyst's edit; going back without one is timed apart.
        const touch = host.backend.db.prepare('UPDATE articles SET title = title WHERE rowid = (SELECT min(rowid) FROM articles)');
        for (let i = 0; i < cfg.opens * 2; i++) {
          touch.run();
          opens.push(await openTimeline(page));
          redraws.push(await redraw(page, '+'), await redraw(page, '-'));
          await library.click();
          reopens.push(await openTimeline(page));
          await library.click();
        }
        await openTimeline(page);
        const chart = await page.locator('svg[aria-label="Timeline"]').boundingBox();
        if (!chart) throw new Error('timeline: the chart has no box');
        const idle = await framesWhile(page, () => page.waitForTimeout(1_500));
        const y = chart.y + chart.height / 2;
        const pan = await framesWhile(page, async () => {
          for (let sweep = 0; sweep < 3; sweep++) {
            await page.mouse.move(chart.x + chart.width * 0.8, y);
            await page.mouse.down();
            await page.mouse.move(chart.x + chart.width * 0.2, y, { steps: 120 });
            await page.mouse.up();
          }
        });
        await page.close();
        // The frames are only worth something if the drag moved the chart, frame after frame.
        if (pan.redrawn < 30) throw new Error(`timeline: the drag redrew the chart ${pan.redrawn} times, too few to time`);
        const last = rung === sizes.length - 1 && !cfg.quick;
        const size = { events: n, articles: Math.ceil(n / 5) };
        const openP95 = percentile(opens, 95);
        const redrawMedian = median(redraws);
        emit({
          suite: 'timeline',
          figure: 'timeline-render-p95',
          scale: cfg.scales[rung] as string,
          size,
          value: openP95,
          unit: 'ms',
          baseline: redrawMedian,
          baselineIs: 'drawing the chart again without fetching (a keyboard zoom), median',
          ratio: openP95 / redrawMedian,
          ...(last ? { target: 'value <= 500' } : {}),
          extra: { samples: opens.length, medianMs: Math.round(median(opens) * 10) / 10 },
        });
        emit({
          suite: 'timeline',
          figure: 'timeline-reopen-p95',
          scale: cfg.scales[rung] as string,
          size,
          value: percentile(reopens, 95),
          unit: 'ms',
          baseline: redrawMedian,
          baselineIs: 'drawing the chart again without fetching (a keyboard zoom), median',
          ratio: percentile(reopens, 95) / redrawMedian,
          extra: { samples: reopens.length, medianMs: Math.round(median(reopens) * 10) / 10, note: 'the library unchanged since the last open: the counts kept by the store' },
        });
        const panP95 = percentile(pan.intervals, 95);
        const idleP95 = percentile(idle.intervals, 95);
        emit({
          suite: 'timeline',
          figure: 'timeline-pan-frame-p95',
          scale: cfg.scales[rung] as string,
          size,
          value: panP95,
          unit: 'ms',
          baseline: idleP95,
          baselineIs: 'the frame interval of the same page at rest, p95',
          ratio: panP95 / idleP95,
          ...(last ? { target: 'ratio <= 1.25' } : {}),
          extra: {
            frames: pan.intervals.length,
            redrawn: pan.redrawn,
            panMedianMs: Math.round(median(pan.intervals) * 10) / 10,
            over20Ms: pan.intervals.filter((t) => t > 20).length,
            idleMedianMs: Math.round(median(idle.intervals) * 10) / 10,
          },
        });
      } finally {
        await host.close();
      }
    }
  } finally {
    await browser.close();
  }
}
