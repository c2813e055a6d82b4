import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHost } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { openStore } from '../../electron/core/store/db';
import { insertEntity } from '../../electron/core/store/entities';
import { ACTOR_KINDS } from '../../shared/model';
import type { Config } from '../lib/config';
import { generateArticle } from '../lib/corpus';
import { rawInserts } from '../lib/raw-rows';
import { buildRenderer } from '../lib/renderer';
import { emit, median, note } from '../lib/report';

/**
 * The Actors view: from the click on "Actors" in the Views navigation to the drawn frame that
 * shows the registry list's first rows, at 100, 1,000 and 10,000 entities (the size; a
 * fifth of them places), against switching to the Library view in the same page on the same
 * store (as many articles as entities) as the baseline. Each is the median of cfg.opens x 2
 * switches, one view after the other. The built renderer in Chromium, served by the test host
 * with the real handlers and store.
 */
const SWITCH = `async ({ view, list }) => {
  const nav = document.querySelector('nav[aria-label="Views"]');
  const button = [...nav.querySelectorAll('button')].find((b) => b.textContent === view);
  return await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(view + ' not shown within 30 s')), 30000);
    const t0 = performance.now();
    const check = () => {
      const rows = document.querySelector('[aria-label="' + list + '"]');
      const first = rows && rows.querySelector('[role="listitem"], [role="option"]');
      const ready = first && !first.querySelector('.placeholder') && first.textContent.trim() !== '' && first.textContent !== '…';
      if (!ready) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timeout);
        resolve(performance.now() - t0);
      };
      channel.port2.postMessage(0);
    };
    button.click();
    requestAnimationFrame(check);
  });
}`;

function makeStore(file: string, n: number): void {
  const db = openStore(file);
  const insert = rawInserts(db);
  const at = new Date('2025-01-01T00:00:00Z').toISOString();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const a = generateArticle('spanwise-actors-bench', i);
      insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${i}`, at });
      const place = i % 5 === 4;
      insertEntity(db, {
        kind: place ? 'place' : 'actor',
        name: `Entity ${i} ${(i * 7919).toString(36)}`,
        actorKind: place ? null : (ACTOR_KINDS[i % ACTOR_KINDS.length] ?? null),
        aliases: [`Alias ${i}`],
        author: 'bench',
      });
    }
  })();
  db.close();
}

export async function actorsSuite(cfg: Config): Promise<void> {
  let rendererDir = cfg.rendererDir;
  if (!rendererDir) {
    note('actors: building the renderer');
    rendererDir = await buildRenderer(join(cfg.work, 'actors-renderer'));
  }
  const sizes = cfg.quick ? [20, 200, 2_000] : [100, 1_000, 10_000];
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    for (const [rung, n] of sizes.entries()) {
      const file = join(cfg.work, `actors-${n}.db`);
      makeStore(file, n);
      const host = await startHost({ dbFile: file, rendererDir, author: 'bench' });
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
        await page.goto(host.url);
        await page.waitForSelector('[aria-label="Articles"] [role="option"] .article-title');
        const actors: number[] = [];
        const library: number[] = [];
        for (let i = 0; i < cfg.opens * 2; i++) {
          actors.push(await page.evaluate<number>(`(${SWITCH})(${JSON.stringify({ view: 'Actors', list: 'Actors' })})`));
          library.push(await page.evaluate<number>(`(${SWITCH})(${JSON.stringify({ view: 'Library', list: 'Articles' })})`));
        }
        // The figure is only worth something if the view listed the whole registry.
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
        const counted = await page.getByLabel('Registry').getByRole('status').textContent();
        if (counted !== `${n} entities`) throw new Error(`the Actors view counted "${counted}", not ${n} entities`);
        await page.close();
        const value = median(actors);
        const baseline = median(library);
        emit({
          suite: 'actors',
          figure: 'actors-view-open',
          scale: cfg.scales[rung] as string,
          size: { entities: n, articles: n },
          value,
          unit: 'ms',
          baseline,
          baselineIs: 'switching to the Library view in the same page',
          ratio: value / baseline,
          ...(rung === sizes.length - 1 && !cfg.quick ? { target: 'value <= 200' } : {}),
          extra: { samples: actors.length, maxMs: Math.round(Math.max(...actors) * 10) / 10 },
        });
      } finally {
        await host.close();
      }
    }
  } finally {
    await browser.close();
  }
}
