import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHost } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { SHIPPED_TYPES } from '../../shared/codebook';
import { openStore } from '../../electron/core/store/db';
import { assignIncident, ensureIncident } from '../../electron/core/store/incidents';
import { insertRoles } from '../../electron/core/store/roles';
import type { Config } from '../lib/config';
import { rawInserts } from '../lib/raw-rows';
import { buildRenderer } from '../lib/renderer';
import { emit, median, note, percentile } from '../lib/report';
import { int, pick, rngFor } from '../lib/rng';

/**
 * The Events view at 1,000, 10,000 and 100,000 events (the size): how long the table
 * takes to show a page it has not loaded yet, from the input to the drawn frame. Each sample is
 * one of the two ways a new page is asked for: a click on the Date header (the order flips, the
 * first page of a new query) and End (the last page, the deepest offset). The baseline, in the
 * same page and run, is Home right after End: a page already loaded, drawn again, so the ratio is
 * what fetching costs over drawing. The built renderer in Chromium at 1000x700, served by the test
 * host with the real handlers and store; one report in three is grouped in an incident.
 */
const STEP = `async ({ action }) => {
  const table = document.querySelector('[role="table"][aria-label="Events"]');
  const total = Number(table.getAttribute('aria-rowcount')) - 1;
  const index = action === 'end' ? total - 1 : 0;
  return await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(action + ': row ' + index + ' not drawn within 30 s')), 30000);
    const before = action === 'sort' ? table.querySelector('.events-body [role="row"][aria-rowindex="2"]')?.textContent : null;
    const t0 = performance.now();
    const check = () => {
      const row = table.querySelector('.events-body [role="row"][aria-rowindex="' + (index + 2) + '"]');
      const filled = row && !row.querySelector('.placeholder') && row.textContent !== before;
      const focused = action === 'sort' || document.activeElement === row;
      if (!filled || !focused) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timeout);
        resolve(performance.now() - t0);
      };
      channel.port2.postMessage(0);
    };
    if (action === 'sort') table.querySelector('button[aria-label="Sort by date"]').click();
    else document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: action === 'end' ? 'End' : 'Home', bubbles: true }));
    requestAnimationFrame(check);
  });
}`;

const PLACES = ['Ostrivka', 'Dorn', 'Brenn', 'Kyiv', 'Kharkiv', 'Odesa', 'Lviv', 'Sumy'];
const SOURCES = ['Harbour Wire', 'Daily Ledger', 'Вісті Острівки', 'Dorn Courier', 'Evening Star'];
const ACTORS = ['Russia', 'Ukraine', 'Protesters', 'Police', 'Rebels', 'Army'];

/** `n` events, five to an article, each with an actor and a figure in its roles. */
export function makeStore(file: string, n: number): void {
  const db = openStore(file);
  const insert = rawInserts(db);
  const rand = rngFor('spanwise-events-bench', n);
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  const types = SHIPPED_TYPES.flatMap((t) => t.subTypes.map((s) => ({ type: t.type, subType: s })));
  db.transaction(() => {
    let incident: string | null = null;
    for (let i = 0; i < n; i++) {
      const articleId = `a${Math.floor(i / 5)}`;
      const actor = pick(rand, ACTORS);
      const sentence = `${actor} struck the town. 12 people were killed.`;
      if (i % 5 === 0) {
        const text = `Report ${i / 5}\n\n${[0, 1, 2, 3, 4].map(() => sentence).join(' ')}`;
        insert.article.run({ id: articleId, title: `Report ${i / 5}`, source: pick(rand, SOURCES), url: null, author: null, published_at: '2025-06-01', language: 'en', text, text_hash: `h${i}`, at });
      }
      const base = `Report ${Math.floor(i / 5)}\n\n`.length + (i % 5) * (sentence.length + 1);
      const kind = pick(rand, types);
      const day = new Date(Date.UTC(2020, 0, 1) + int(rand, 0, 6 * 365 - 1) * 86_400_000).toISOString().slice(0, 10);
      const date = rand() < 0.2 ? day.slice(0, 7) : day;
      insert.annotation.run({
        id: `e${i}`, article_id: articleId, label: 'event', start: base + actor.length + 1, end: base + actor.length + 16, quote: 'struck the town', note: '',
        attrs: JSON.stringify({ type: kind.type, subType: kind.subType, date, location: pick(rand, PLACES) }), at,
      });
      insert.annotation.run({ id: `s${i}`, article_id: articleId, label: 'actor', start: base, end: base + actor.length, quote: actor, note: '', attrs: JSON.stringify({ canonicalName: actor }), at });
      const figureAt = base + actor.length + 18;
      insert.annotation.run({ id: `f${i}`, article_id: articleId, label: 'figure', start: figureAt, end: figureAt + 21, quote: '12 people were killed', note: '', attrs: JSON.stringify({ value: 12, unit: 'people', qualifier: 'exact' }), at });
      insertRoles(db, `e${i}`, articleId, [{ role: 'actor', spanId: `s${i}` }, { role: 'figure', spanId: `f${i}` }]);
      if (i % 9 < 3) {
        if (i % 9 === 0) incident = ensureIncident(db, undefined);
        if (incident) assignIncident(db, `e${i}`, articleId, incident);
      }
    }
  })();
  db.close();
}

export async function eventsViewSuite(cfg: Config): Promise<void> {
  let rendererDir = cfg.rendererDir;
  if (!rendererDir) {
    note('events-view: building the renderer');
    rendererDir = await buildRenderer(join(cfg.work, 'events-renderer'));
  }
  const sizes = cfg.quick ? [20, 200, 2_000] : [1_000, 10_000, 100_000];
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    for (const [rung, n] of sizes.entries()) {
      const file = join(cfg.work, `events-${n}.db`);
      note(`events-view: ${n} events`);
      makeStore(file, n);
      const host = await startHost({ dbFile: file, rendererDir, author: 'bench' });
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
        await page.goto(host.url);
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Events' }).click();
        // The figure is only worth something if the view counted every event.
        await page.getByRole('status').filter({ hasText: new RegExp(`^${n.toLocaleString('en')} events`) }).waitFor({ timeout: 60_000 });
        await page.locator('.events-body [role="row"][aria-rowindex="2"]:not(:has(.placeholder))').focus();
        const fresh: number[] = [];
        const drawn: number[] = [];
        for (let i = 0; i < cfg.opens * 10; i++) {
          fresh.push(await page.evaluate<number>(`(${STEP})({ action: 'sort' })`));
          await page.locator('.events-body [role="row"][aria-rowindex="2"]').focus();
          fresh.push(await page.evaluate<number>(`(${STEP})({ action: 'end' })`));
          drawn.push(await page.evaluate<number>(`(${STEP})({ action: 'home' })`));
        }
        await page.close();
        const value = percentile(fresh, 95);
        const baseline = median(drawn);
        emit({
          suite: 'events-view',
          figure: 'events-view-page-p95',
          scale: cfg.scales[rung] as string,
          size: { events: n, articles: Math.ceil(n / 5) },
          value,
          unit: 'ms',
          baseline,
          baselineIs: 'drawing a page already loaded (Home after End), median',
          ratio: value / baseline,
          ...(rung === sizes.length - 1 && !cfg.quick ? { target: 'value <= 50' } : {}),
          extra: { samples: fresh.length, medianMs: Math.round(median(fresh) * 10) / 10, maxMs: Math.round(Math.max(...fresh) * 10) / 10 },
        });
      } finally {
        await host.close();
      }
    }
  } finally {
    await browser.close();
  }
}
