import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { Host } from './host/server';
import { expect, test } from './support/fixtures';
import { selectText } from './support/text';

const ARTICLE = `Border talks resume 🇺🇦 in Geneva

Negotiators 👩‍💼 met on Monday. The ministry said 64 drones were shot down.`;

/** Code point slice: what every export's offsets count. */
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

test('export through the dialog writes files whose offsets point at the spans', async ({ page, host, workDir }) => {
  const source = join(workDir, 'talks.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Border talks resume 🇺🇦 in Geneva');

  await selectText(page, 'Negotiators');
  await page.keyboard.press('3');
  await selectText(page, '64 drones');
  await page.keyboard.press('4');
  await expect(page.locator('[aria-label="Article text"] mark')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  for (const format of ['jsonl', 'csv'] as const) {
    const out = join(workDir, `export.${format}`);
    host.setSaveAnswer(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: new RegExp(`^${format === 'jsonl' ? 'JSONL' : 'CSV'}`) }).check();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 1 article and 2 spans');
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  const line = JSON.parse(readFileSync(join(workDir, 'export.jsonl'), 'utf8').trim()) as {
    text: string;
    spans: { start: number; end: number; label: string; text: string; attrs: Record<string, unknown> }[];
    meta: { offset_unit: string };
  };
  expect(line.meta.offset_unit).toBe('codepoint');
  expect(line.spans.map((s) => [s.label, s.text]).sort()).toEqual([
    ['ACTOR', 'Negotiators'],
    ['FIGURE', '64 drones'],
  ]);
  for (const s of line.spans) expect(slice(line.text, s.start, s.end)).toBe(s.text);
  expect(line.spans.find((s) => s.label === 'FIGURE')?.attrs).toMatchObject({ value: 64 });

  const csv = readFileSync(join(workDir, 'export.csv'), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('64 drones');
  // Nothing but the two exports (no temporary left behind) in the folder.
  expect(readdirSync(workDir).filter((f) => f.startsWith('export') || f.includes('partial')).sort()).toEqual(['export.csv', 'export.jsonl']);
});

/*
 * A pre-annotated corpus imported as JSONL (code point offsets), then exported through the dialog
 * in every other format, a label subset, a filter scope and chosen articles. Every written file is
 * read here with the format's own rules (JSON, gzip, brat's first-two-tabs split, code point
 * slicing), not with Spanwise's code.
 */
const KYIV = 'Drones over Kyiv 🇺🇦\n\nThe air force 👩🏽‍✈️ said 80 drones were downed.\nOfficials in Kyiv counted 76.';
const ARABIC = 'قالت الوزارة إن 𝟏𝟐 طائرة أُسقطت.\n\nThe ministry spoke at noon.';
const cpIndex = (text: string, quote: string) => Array.from(text.slice(0, text.indexOf(quote))).length;
const span = (text: string, quote: string, label: string, extra: Record<string, unknown> = {}) => {
  const start = cpIndex(text, quote);
  return { start, end: start + Array.from(quote).length, label, text: quote, ...extra };
};
const CORPUS = [
  {
    id: 'kyiv',
    title: 'Drones over Kyiv 🇺🇦',
    source: 'Kyiv Independent',
    published_at: '2024-11-26',
    text: KYIV,
    spans: [
      span(KYIV, 'The air force', 'ACTOR', { id: 'k-actor', attrs: { kind: 'armed group' } }),
      span(KYIV, '80 drones', 'FIGURE', { id: 'k-80', attrs: { value: 80, unit: 'drones' } }),
      span(KYIV, 'said 80 drones were downed', 'CLAIM', { id: 'k-claim', note: 'tab\there, "quoted",\nsecond line', attrs: { status: 'disputed' } }),
      span(KYIV, 'downed.\nOfficials', 'EVENT', { id: 'k-event', attrs: { date: '2024-11-26' } }),
    ],
  },
  {
    id: 'arabic',
    title: 'Ministry: 12 aircraft',
    source: 'Al-Madina',
    published_at: '2024-12-05',
    text: ARABIC,
    spans: [span(ARABIC, '𝟏𝟐 طائرة', 'FIGURE', { id: 'a-12', attrs: { value: 12 } }), span(ARABIC, 'The ministry', 'ACTOR', { id: 'a-actor' })],
  },
  { id: 'plain', title: 'Untagged', source: null, published_at: null, text: 'Nothing tagged here.', spans: [] },
];
const textOf = Object.fromEntries(CORPUS.map((a) => [a.id, a.text]));

const FORMAT_NAMES = { jsonl: /^JSONL/, csv: /^CSV/, brat: /^brat standoff/, w3c: /^W3C Web Annotation/, bundle: /^Spanwise bundle/ } as const;

async function exportThroughDialog(
  page: Page,
  host: Host,
  out: string,
  format: keyof typeof FORMAT_NAMES,
  choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {},
): Promise<string> {
  host.setSaveAnswer(out);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: FORMAT_NAMES[format] }).check();
  await choose(dialog);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText('Exported');
  const text = (await status.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  return text;
}

const ids = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { id: string; spans: { label: string }[] });

test('exports brat, W3C and a bundle, a label subset, a filter scope and chosen articles, with offsets in code points', async ({ page, host, workDir }) => {
  const source = join(workDir, 'corpus.jsonl');
  writeFileSync(source, CORPUS.map((r) => JSON.stringify({ ...r, meta: { offset_unit: 'codepoint' } })).join('\n'));
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');

  // brat: a folder; every T line's fragments slice the .txt at code points, split at newlines.
  expect(await exportThroughDialog(page, host, join(workDir, 'brat'), 'brat')).toContain('Exported 3 articles and 6 spans');
  const conf = readFileSync(join(workDir, 'brat', 'annotation.conf'), 'utf8');
  for (const entity of ['CLAIM', 'ACTOR', 'FIGURE']) expect(conf.split('\n')).toContain(entity);
  // An event is a brat event: its type is declared with the roles its E lines may carry.
  expect(conf.split('\n').find((l) => l.startsWith('EVENT\t'))).toMatch(/^EVENT\tActor\*:ACTOR, /);
  let fragmented = 0;
  for (const id of ['kyiv', 'arabic']) {
    const txt = readFileSync(join(workDir, 'brat', `${id}.txt`), 'utf8');
    expect(txt).toBe(textOf[id]);
    const cps = Array.from(txt);
    const lines = readFileSync(join(workDir, 'brat', `${id}.ann`), 'utf8').split('\n').filter((l) => l.startsWith('T'));
    expect(lines).toHaveLength(CORPUS.find((a) => a.id === id)?.spans.length ?? -1);
    for (const line of lines) {
      // brat splits at the first two tabs only: id, "TYPE offsets", then the text (which may hold tabs).
      const first = line.indexOf('\t');
      const second = line.indexOf('\t', first + 1);
      const head = line.slice(first + 1, second);
      const quote = line.slice(second + 1);
      const fragments = head.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      const pieces = fragments.map(([s, e]) => cps.slice(s, e).join(''));
      for (const piece of pieces) expect(piece).not.toContain('\n');
      expect(pieces.join(' ')).toBe(quote);
      if (fragments.length > 1) fragmented++;
    }
  }
  expect(fragmented).toBe(1);
  const kyivAnn = readFileSync(join(workDir, 'brat', 'kyiv.ann'), 'utf8');
  expect(kyivAnn).toContain('AnnotatorNotes');
  expect(kyivAnn).toContain('tab\there, "quoted",\\nsecond line');

  // W3C: each TextPositionSelector (code points) slices the text to the TextQuoteSelector's exact.
  await exportThroughDialog(page, host, join(workDir, 'annotations.jsonld'), 'w3c');
  const w3c = JSON.parse(readFileSync(join(workDir, 'annotations.jsonld'), 'utf8')) as {
    type: string;
    total: number;
    first: { items: { target: { source: string; selector: { type: string; start?: number; end?: number; exact?: string }[] }; body: { purpose: string; value: string }[] }[] };
  };
  expect(w3c).toMatchObject({ type: 'AnnotationCollection', total: 6 });
  for (const a of w3c.first.items) {
    const text = textOf[a.target.source.replace('urn:spanwise:article:', '')] ?? '';
    const position = a.target.selector.find((x) => x.type === 'TextPositionSelector');
    const quote = a.target.selector.find((x) => x.type === 'TextQuoteSelector');
    expect(slice(text, position?.start ?? -1, position?.end ?? -1)).toBe(quote?.exact);
    expect(a.body.find((b) => b.purpose === 'tagging')?.value).toMatch(/^(EVENT|CLAIM|ACTOR|FIGURE)$/);
  }

  // Bundle: gzip JSON lines, header first, end record last, annotations in code points.
  await exportThroughDialog(page, host, join(workDir, 'all.spanwise'), 'bundle');
  const lines = gunzipSync(readFileSync(join(workDir, 'all.spanwise'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[0]).toMatchObject({ format: 'spanwise-bundle', offset_unit: 'codepoint' });
  expect(lines.at(-1)).toEqual({ type: 'end', articles: 3, annotations: 6 });
  for (const article of lines.slice(1, -1) as { text: string; annotations: { start: number; end: number; quote: string }[] }[]) {
    for (const a of article.annotations) expect(slice(article.text, a.start, a.end)).toBe(a.quote);
  }

  // Only some labels.
  await exportThroughDialog(page, host, join(workDir, 'figures.jsonl'), 'jsonl', async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Event' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Actor' }).uncheck();
  });
  expect(new Set(ids(join(workDir, 'figures.jsonl')).flatMap((l) => l.spans.map((x) => x.label)))).toEqual(new Set(['FIGURE', 'CLAIM']));

  // The library's filters, the published date included.
  await page.getByLabel('Published from').fill('2024-12-01');
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option')).toHaveCount(1);
  expect(
    await exportThroughDialog(page, host, join(workDir, 'filtered.jsonl'), 'jsonl', async (dialog) => {
      await dialog.getByRole('radio', { name: 'The current search and filters' }).check();
    }),
  ).toContain('Exported 1 article and');
  expect(ids(join(workDir, 'filtered.jsonl')).map((l) => l.id)).toEqual(['arabic']);
  await page.getByLabel('Published from').fill('');

  // Articles chosen one by one from the list.
  await exportThroughDialog(page, host, join(workDir, 'chosen.jsonl'), 'jsonl', async (dialog) => {
    await dialog.getByRole('radio', { name: 'Articles I choose' }).check();
    const list = dialog.getByRole('list', { name: 'Choose articles' });
    await list.getByRole('checkbox').first().waitFor();
    for (const box of await list.getByRole('checkbox').all()) await box.uncheck();
    await list.getByRole('checkbox', { name: 'Untagged' }).check();
    await list.getByRole('checkbox', { name: 'Drones over Kyiv 🇺🇦' }).check();
  });
  expect(ids(join(workDir, 'chosen.jsonl')).map((l) => l.id).sort()).toEqual(['kyiv', 'plain']);

  expect(readdirSync(workDir).filter((f) => f.includes('partial'))).toEqual([]);
});

test('the export dialog says when its choice of articles is empty, and stays open while an export runs', async ({ page, host, workDir }) => {
  // An empty library: nothing to choose, and the whole library is not taken instead.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Articles I choose' }).check();
  await expect(dialog).toContainText('Choose at least one article to export.');
  await expect(dialog.getByRole('button', { name: 'Export…' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const source = join(workDir, 'talks.txt');
  writeFileSync(source, ARTICLE);
  host.setDialogAnswer([source]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Border talks resume 🇺🇦 in Geneva');

  // The export's progress is held unanswered: it is running for as long as the test needs.
  const release = host.hold(['jobs/get']);
  host.setSaveAnswer(join(workDir, 'held.jsonl'));
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByLabel('Export progress')).toBeVisible();
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close).toBeDisabled();
  await expect(close).toHaveAccessibleDescription('An export is running: cancel it to close.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  release();
  await expect(dialog.getByRole('status')).toHaveText(/^Exported 1 article and 0 spans to /);
  await close.click();
  await expect(dialog).toHaveCount(0);
});
