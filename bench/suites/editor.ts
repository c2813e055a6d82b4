import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startHost, type Host } from '../../e2e/host/server';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium';
import { insertAnnotation } from '../../electron/core/store/annotations';
import { insertArticle } from '../../electron/core/store/articles';
import { openStore } from '../../electron/core/store/db';
import type { Config } from '../lib/config';
import { generateArticle, type GenArticle } from '../lib/corpus';
import { ARM_KEYSTROKE, INSTRUMENT_FETCH, OPEN_ARTICLE, SELECT_RANGE, SETTLE } from '../lib/page';
import { summariseCpuProfile, type CpuProfile } from '../lib/profile';
import { buildRenderer } from '../lib/renderer';
import { int, rngFor } from '../lib/rng';
import { emit, median, note, percentile } from '../lib/report';
import { summariseTrace } from '../lib/trace';

/**
 * Editor: the built renderer in Chromium, served by the test host with the real handlers and
 * store. Two figures per rung, each against the same text without annotations:
 * - open: from the click on the article's library row to the frame that shows the whole article
 *   with its highlights, drawn (median of cfg.opens opens, each after opening another article);
 * - key to painted: from the key press (1-4, with a word or three selected) to the first frame
 *   after the new highlight is in the DOM, drawn, with the tasks queued before it run (page.ts,
 *   ARM_KEYSTROKE), p50 and p95. The time to the DOM change is kept beside it (what this figure
 *   was before: it leaves out style, layout and paint, most of the cost at 30,000 words), and so
 *   is the time until the store has answered and its answer is drawn too.
 */
/** Times from the click or key press: the call leaving the page, its answer back, the DOM, the frame. */
export interface Phases {
  domMs: number;
  paintMs: number;
  /** Keystrokes only: the store's answer in and drawn, the status line back to "Saved". */
  settledMs?: number;
  /** Keystrokes only: the page idle after that, every piece of work the key deferred done (page.ts). */
  idleMs?: number;
  /** Keystrokes only: Chromium's Event Timing duration of the keydown, null under 16 ms (page.ts). */
  eventTimingMs?: number | null;
  requestMs: number | null;
  responseMs: number | null;
}

interface Measured {
  opens: (Phases & { marks: number })[];
  keys: Phases[];
  /** Server side of each keystroke: the contract handler that saves the annotation, in the store. */
  storeMs: number[];
}

/** Times one channel's handler inside the host (what the store costs of each round trip). */
export function timeHandler(host: Host, channel: string, into: number[]): void {
  const dispatch = host.backend.dispatch;
  host.backend.dispatch = async (name, input) => {
    const t = performance.now();
    try {
      return await dispatch(name, input);
    } finally {
      if (name === channel) into.push(performance.now() - t);
    }
  };
}

/** Where the time of a list of opens or keystrokes went, at percentile p of each phase. */
function phases(list: Phases[], p: number): Record<string, number> {
  const known = list.filter((x) => x.requestMs !== null && x.responseMs !== null) as (Phases & { requestMs: number; responseMs: number })[];
  const at = (f: (x: (typeof known)[number]) => number) => Math.round(percentile(known.map(f), p) * 10) / 10;
  return {
    pageBeforeCallMs: at((x) => x.requestMs),
    callRoundTripMs: at((x) => x.responseMs - x.requestMs),
    pageAfterAnswerToDomMs: at((x) => x.domMs - x.responseMs),
    domToPaintMs: at((x) => x.paintMs - x.domMs),
  };
}

export const call = <T>(page: Page, fn: string, arg?: unknown): Promise<T> => page.evaluate<T>(`(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`);

export function makeStore(file: string, article: GenArticle, other: GenArticle, annotated: boolean): void {
  const db = openStore(file);
  db.transaction(() => {
    // The other article first: the library lists newest first, so both rows are on screen.
    for (const a of [other, article]) {
      insertArticle(db, a, { id: a.id });
    }
    if (annotated) {
      for (const s of article.spans) {
        insertAnnotation(db, { ...s, articleId: article.id, quote: article.text.slice(s.start, s.end), author: 'bench' });
      }
    }
  })();
  db.close();
}

/** Word-aligned ranges of one to three words inside a paragraph, as an analyst selects them. */
export function selections(article: GenArticle, count: number, seed: string): { start: number; end: number }[] {
  const words = [...article.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => [m.index, m.index + m[0].length] as const);
  const rng = rngFor(seed, 'keystrokes', article.text.length);
  const out: { start: number; end: number }[] = [];
  // A span already annotated (by the corpus or an earlier key) would be refused as a duplicate
  // when the key's label matches, and draw nothing: each key tags text that has no annotation
  // of exactly that extent.
  const taken = new Set(article.spans.map((s) => `${s.start}:${s.end}`));
  while (out.length < count) {
    const i = int(rng, 0, words.length - 4);
    const [start] = words[i] as readonly [number, number];
    const [, end] = words[i + int(rng, 0, 2)] as readonly [number, number];
    if (article.text.slice(start, end).includes('\n') || taken.has(`${start}:${end}`)) continue;
    taken.add(`${start}:${end}`);
    out.push({ start, end });
  }
  return out;
}

async function measure(cfg: Config, page: Page, article: GenArticle, other: GenArticle, annotated: boolean): Promise<Measured> {
  const target = { title: article.title, paragraphs: article.text.split('\n\n').length, expectMarks: annotated };
  const away = { title: other.title, paragraphs: other.text.split('\n\n').length, expectMarks: false };
  const opens: Measured['opens'] = [];
  for (let k = 0; k < cfg.opens; k++) {
    await call(page, OPEN_ARTICLE, away);
    opens.push(await call(page, OPEN_ARTICLE, target));
  }
  const keys: Measured['keys'] = [];
  for (const [k, range] of selections(article, cfg.keystrokes, cfg.seed).entries()) {
    const selected = await call<string>(page, SELECT_RANGE, range);
    if (selected !== article.text.slice(range.start, range.end)) throw new Error(`selected "${selected}", meant "${article.text.slice(range.start, range.end)}"`);
    await call(page, SETTLE);
    await call(page, ARM_KEYSTROKE);
    await page.keyboard.press(String((k % 4) + 1));
    keys.push(await page.evaluate<Phases>('globalThis.__benchKey'));
    // Let the frame after the highlight finish before the next selection, as a person would.
    await page.waitForTimeout(50);
  }
  return { opens, keys, storeMs: [] };
}

/** A JS profile and a performance trace of one open and ten keystrokes, summarised on stderr. */
async function profile(browser: Browser, page: Page, article: GenArticle, other: GenArticle): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  await call(page, OPEN_ARTICLE, { title: other.title, paragraphs: other.text.split('\n\n').length, expectMarks: false });
  const open = await call(page, OPEN_ARTICLE, { title: article.title, paragraphs: article.text.split('\n\n').length, expectMarks: true });
  const { profile: openProfile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const openTrace = summariseTrace((await browser.stopTracing()).toString('utf8'));
  process.stderr.write(`${JSON.stringify({ profile: 'editor open', open, js: summariseCpuProfile(openProfile), trace: openTrace }, null, 1)}\n`);

  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  const keys: unknown[] = [];
  for (const [k, range] of selections(article, 10, `${article.id}-profile`).entries()) {
    await call(page, SELECT_RANGE, range);
    await call(page, SETTLE);
    await call(page, ARM_KEYSTROKE);
    await page.keyboard.press(String((k % 4) + 1));
    keys.push(await page.evaluate('globalThis.__benchKey'));
    await page.waitForTimeout(50);
  }
  const { profile: keyProfile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const keyTrace = summariseTrace((await browser.stopTracing()).toString('utf8'));
  process.stderr.write(`${JSON.stringify({ profile: 'editor keystrokes', keys, js: summariseCpuProfile(keyProfile), trace: keyTrace }, null, 1)}\n`);
}

export async function editorSuite(cfg: Config): Promise<void> {
  let rendererDir = cfg.rendererDir;
  if (!rendererDir) {
    note('editor: building the renderer from the current source');
    rendererDir = await buildRenderer(join(cfg.work, 'renderer'));
  }
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const other = generateArticle(cfg.seed, 2_000_000, { words: 80, spans: 0, language: 'en' });
    for (const [rung, scale] of cfg.scales.entries()) {
      const words = cfg.editorWords[rung] as number;
      const spans = cfg.editorSpans[rung] as number;
      const article = generateArticle(cfg.seed, 1_000_000 + rung, { words, spans, language: 'en' });
      const results: Record<'annotated' | 'plain', Measured> = { annotated: { opens: [], keys: [], storeMs: [] }, plain: { opens: [], keys: [], storeMs: [] } };
      for (const kind of ['plain', 'annotated'] as const) {
        note(`editor ${scale}: ${words} words, ${kind === 'annotated' ? article.spans.length : 0} annotations`);
        const dbFile = join(cfg.work, 'editor', `${scale}-${kind}.db`);
        makeStore(dbFile, article, other, kind === 'annotated');
        const host = await startHost({ dbFile, rendererDir, author: 'bench' });
        const storeMs: number[] = [];
        timeHandler(host, 'annotations/createMany', storeMs);
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        try {
          const page = await context.newPage();
          await page.goto(host.url);
          await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').nth(1).waitFor();
          await call(page, INSTRUMENT_FETCH);
          results[kind] = { ...(await measure(cfg, page, article, other, kind === 'annotated')), storeMs: [...storeMs] };
          if (cfg.profile && kind === 'annotated' && rung === cfg.scales.length - 1) await profile(browser, page, article, other);
        } finally {
          await context.close();
          await host.close();
        }
      }
      const top = rung === cfg.scales.length - 1;
      const size = { words, annotations: article.spans.length, characters: article.text.length };
      const paint = (m: Measured) => m.opens.map((o) => o.paintMs);
      const dom = (m: Measured) => m.keys.map((k) => k.domMs);
      const { annotated, plain } = results;
      emit({
        suite: 'editor',
        figure: 'open_ms',
        scale,
        size,
        value: median(paint(annotated)),
        unit: 'ms',
        baseline: median(paint(plain)),
        baselineIs: 'the same text opened without annotations (median of opens)',
        ratio: median(paint(annotated)) / median(paint(plain)),
        ...(top ? { target: 'value <= 400' } : {}),
        extra: {
          opens: paint(annotated).map(Math.round),
          baselineOpens: paint(plain).map(Math.round),
          domMs: Math.round(median(annotated.opens.map((o) => o.domMs))),
          phasesMedian: phases(annotated.opens, 50),
          baselinePhasesMedian: phases(plain.opens, 50),
          marks: annotated.opens[0]?.marks,
        },
      });
      const painted = (m: Measured) => m.keys.map((k) => k.paintMs);
      const settled = (m: Measured) => m.keys.map((k) => k.settledMs ?? Number.NaN);
      const idle = (m: Measured) => m.keys.map((k) => k.idleMs ?? Number.NaN);
      const keySize = { ...size, keystrokes: annotated.keys.length };
      emit({
        suite: 'editor',
        figure: 'key_to_paint_p50_ms',
        scale,
        size: keySize,
        value: percentile(painted(annotated), 50),
        unit: 'ms',
        baseline: percentile(painted(plain), 50),
        baselineIs: 'the same text without annotations, p50',
        ratio: percentile(painted(annotated), 50) / percentile(painted(plain), 50),
      });
      emit({
        suite: 'editor',
        figure: 'key_to_paint_p95_ms',
        scale,
        size: keySize,
        value: percentile(painted(annotated), 95),
        unit: 'ms',
        baseline: percentile(painted(plain), 95),
        baselineIs: 'the same text without annotations, p95',
        ratio: percentile(painted(annotated), 95) / percentile(painted(plain), 95),
        ...(top ? { target: 'value <= 16' } : {}),
        extra: {
          samplesMs: painted(annotated).map(Math.round),
          baselineSamplesMs: painted(plain).map(Math.round),
          settledP50Ms: percentile(settled(annotated), 50),
          settledP95Ms: percentile(settled(annotated), 95),
          baselineSettledP95Ms: percentile(settled(plain), 95),
          idleP50Ms: percentile(idle(annotated), 50),
          idleP95Ms: percentile(idle(annotated), 95),
          baselineIdleP95Ms: percentile(idle(plain), 95),
          eventTimingMs: annotated.keys.map((k) => k.eventTimingMs ?? null),
          storeHandlerP50Ms: percentile(annotated.storeMs, 50),
          storeHandlerP95Ms: percentile(annotated.storeMs, 95),
          phasesP50: phases(annotated.keys, 50),
          phasesP95: phases(annotated.keys, 95),
          baselinePhasesP95: phases(plain.keys, 95),
        },
      });
      emit({
        suite: 'editor',
        figure: 'key_to_dom_p95_ms',
        scale,
        size: keySize,
        value: percentile(dom(annotated), 95),
        unit: 'ms',
        baseline: percentile(dom(plain), 95),
        baselineIs: 'the same text without annotations, p95',
        ratio: percentile(dom(annotated), 95) / percentile(dom(plain), 95),
        extra: {
          p50Ms: percentile(dom(annotated), 50),
          baselineP50Ms: percentile(dom(plain), 50),
          samplesMs: dom(annotated).map(Math.round),
        },
      });
    }
  } finally {
    await browser.close();
  }
}
