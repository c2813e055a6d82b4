/**
 * Two builds of the renderer side by side on the same article, interleaved key by key: the
 * editor suite's figures (open, key to painted, key to DOM change, key to the store's answer
 * drawn) for build A and build B, measured in one run on one browser, so a change to the reader
 * can be compared on a shared, noisy machine. Each side has its own copy of the store.
 *
 * usage: npx tsx bench/probes/editor-ab.ts A_RENDERER_DIR B_RENDERER_DIR [WORDS] [KEYS] [ROUNDS]
 *   (build a renderer with bench/lib/renderer.ts; defaults: 30000 words, 40 keys, 3 opens)
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHost, type Host } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { generateArticle } from '../lib/corpus';
import { ARM_KEYSTROKE, INSTRUMENT_FETCH, OPEN_ARTICLE, SELECT_RANGE, SETTLE } from '../lib/page';
import { percentile } from '../lib/report';
import { summariseTrace } from '../lib/trace';
import { call, makeStore, selections, type Phases } from '../suites/editor';

const [aDir, bDir, wordsArg, keysArg, opensArg] = process.argv.slice(2);
if (!aDir || !bDir) {
  process.stderr.write('usage: npx tsx bench/probes/editor-ab.ts A_RENDERER_DIR B_RENDERER_DIR [WORDS] [KEYS] [OPENS]\n');
  process.exit(2);
}
const words = Number(wordsArg ?? 30_000);
const keys = Number(keysArg ?? 40);
const opens = Number(opensArg ?? 3);
const seed = 'spanwise-bench-1';
const article = generateArticle(seed, 1_000_002, { words, spans: words / 10, language: 'en' });
const other = generateArticle(seed, 2_000_000, { words: 80, spans: 0, language: 'en' });
const target = { title: article.title, paragraphs: article.text.split('\n\n').length, expectMarks: true };
const away = { title: other.title, paragraphs: other.text.split('\n\n').length, expectMarks: false };

const work = mkdtempSync(join(tmpdir(), 'spanwise-ab-'));
const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
const sides: { name: string; host: Host; page: Page; opens: number[]; keys: Phases[] }[] = [];
try {
  makeStore(join(work, 'a.db'), article, other, true);
  copyFileSync(join(work, 'a.db'), join(work, 'b.db'));
  for (const [name, dir] of [
    ['A', aDir],
    ['B', bDir],
  ] as const) {
    const host = await startHost({ dbFile: join(work, `${name.toLowerCase()}.db`), rendererDir: resolve(dir), author: 'bench' });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').nth(1).waitFor();
    await call(page, INSTRUMENT_FETCH);
    sides.push({ name, host, page, opens: [], keys: [] });
  }
  for (let k = 0; k < opens; k++) {
    for (const side of k % 2 ? [...sides].reverse() : sides) {
      await call(side.page, OPEN_ARTICLE, away);
      side.opens.push((await call<{ paintMs: number }>(side.page, OPEN_ARTICLE, target)).paintMs);
    }
  }
  for (const [k, range] of selections(article, keys, seed).entries()) {
    for (const side of k % 2 ? [...sides].reverse() : sides) {
      await call(side.page, SELECT_RANGE, range);
      await call(side.page, SETTLE);
      await call(side.page, ARM_KEYSTROKE);
      await side.page.keyboard.press(String((k % 4) + 1));
      side.keys.push(await side.page.evaluate<Phases>('globalThis.__benchKey'));
      await side.page.waitForTimeout(50);
    }
  }
  // Then each side alone under a trace: the main thread's CPU time per key by kind of work, which
  // a busy machine inflates far less than wall time.
  const traced = new Map<string, unknown>();
  const few = selections(article, 10, `${seed}-trace`);
  for (const side of sides) {
    await browser.startTracing(side.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    for (const [k, range] of few.entries()) {
      await call(side.page, SELECT_RANGE, range);
      await call(side.page, SETTLE);
      await call(side.page, ARM_KEYSTROKE);
      await side.page.keyboard.press(String((k % 4) + 1));
      await side.page.evaluate('globalThis.__benchKey');
      await side.page.waitForTimeout(50);
    }
    const summary = summariseTrace((await browser.stopTracing()).toString('utf8'), 8, 'thread');
    traced.set(side.name, {
      mainThreadCpuMsPerKey: Math.round((summary.mainThreadMs / few.length) * 10) / 10,
      selfCpuMsPerKey: summary.selfMs.map((x) => `${x.name} ${Math.round((x.ms / few.length) * 10) / 10}`),
    });
  }
  const r = (n: number) => Math.round(n * 10) / 10;
  for (const side of sides) {
    const of = (f: (p: Phases) => number) => side.keys.map(f);
    const over16 = side.keys.filter((p) => (p.eventTimingMs ?? 0) >= 16).length;
    process.stdout.write(
      `${JSON.stringify({
        side: side.name,
        words,
        keys: side.keys.length,
        openMedianMs: r(percentile(side.opens, 50)),
        paintP50Ms: r(percentile(of((p) => p.paintMs), 50)),
        paintP95Ms: r(percentile(of((p) => p.paintMs), 95)),
        domP50Ms: r(percentile(of((p) => p.domMs), 50)),
        domP95Ms: r(percentile(of((p) => p.domMs), 95)),
        settledP95Ms: r(percentile(of((p) => p.settledMs ?? Number.NaN), 95)),
        eventTimingAtLeast16: `${over16}/${side.keys.length}`,
        traced: traced.get(side.name),
      })}\n`,
    );
  }
} finally {
  for (const side of sides) await side.host.close();
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
