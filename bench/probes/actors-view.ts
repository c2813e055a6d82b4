/**
 * The Actors view at 10,000 entities: from the click on "Actors" in the Views navigation to the
 * frame that shows the list's first rows (its total counted), drawn; against the same switch to
 * the Library view in the same page on the same store (10,000 articles), as the baseline. Each is
 * the median of several switches, one view after the other. The built renderer (npm run build)
 * in Chromium, served by the test host with the real handlers and store.
 *
 * usage: npm run build && npx tsx bench/probes/actors-view.ts [--entities 10000] [--articles 10000] [--runs 9]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startHost } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { openStore } from '../../electron/core/store/db';
import { insertEntity } from '../../electron/core/store/entities';
import { ACTOR_KINDS } from '../../shared/model';
import { generateArticle } from '../lib/corpus';
import { rawInserts } from '../lib/raw-rows';
import { median } from '../lib/report';

const { values } = parseArgs({ options: { entities: { type: 'string', default: '10000' }, articles: { type: 'string', default: '10000' }, runs: { type: 'string', default: '9' } } });
const entities = Number(values.entities);
const articles = Number(values.articles);
const runs = Number(values.runs);

/** Clicks a view's button and resolves with the time to the frame that shows `ready`, drawn. */
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

const dir = mkdtempSync(join(tmpdir(), 'spanwise-actors-probe-'));
try {
  const file = join(dir, 'library.db');
  const db = openStore(file);
  const insert = rawInserts(db);
  const at = new Date('2025-01-01T00:00:00Z').toISOString();
  db.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const a = generateArticle('spanwise-actors-probe', i);
      insert.article.run({ ...a, published_at: a.publishedAt, text_hash: `h${i}`, at });
    }
    for (let i = 0; i < entities; i++) {
      insertEntity(db, { kind: i % 5 === 4 ? 'place' : 'actor', name: `Entity ${i} ${(i * 7919).toString(36)}`, actorKind: i % 5 === 4 ? null : (ACTOR_KINDS[i % ACTOR_KINDS.length] ?? null), aliases: [`Alias ${i}`], author: 'probe' });
    }
  })();
  db.close();
  process.stderr.write(`store: ${articles} articles, ${entities} entities\n`);

  const host = await startHost({ dbFile: file });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(host.url);
  await page.waitForSelector('[aria-label="Articles"] [role="option"] .article-title');
  const actors: number[] = [];
  const library: number[] = [];
  for (let i = 0; i < runs; i++) {
    actors.push(await page.evaluate<number>(`(${SWITCH})(${JSON.stringify({ view: 'Actors', list: 'Actors' })})`));
    library.push(await page.evaluate<number>(`(${SWITCH})(${JSON.stringify({ view: 'Library', list: 'Articles' })})`));
  }
  // The figure is only worth something if the view listed the whole registry.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
  const counted = await page.getByLabel('Registry').getByRole('status').textContent();
  if (counted !== `${entities} entities`) throw new Error(`the Actors view counted "${counted}", not ${entities} entities`);
  await browser.close();
  await host.close();
  const round = (x: number) => Math.round(x * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({ probe: 'actors-view', entities, articles, runs, actorsOpenMedianMs: round(median(actors)), actorsOpenMaxMs: round(Math.max(...actors)), libraryOpenMedianMs: round(median(library)), ratio: round(median(actors) / median(library)) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
