import { ACTOR_KINDS, CLAIM_STATUSES, FIGURE_QUALIFIERS, type AnyAttrs, type Label } from '../../shared/model';
import { int, normal, pick, rngFor, uuid, type Rng } from './rng';
import { EMOJI, vocabulary, type Language, type Vocabulary } from './vocab';

/**
 * The deterministic corpus. Article i depends only on (seed, i), so the 1x corpus is the first
 * tenth of the 10x one and a figure at one rung is measured on a prefix of the next rung's data.
 *
 * Realism, in numbers: article length is log-normal (median 550 words, long tail to 9,000) as in
 * news feeds; languages are mostly English with Russian, Ukrainian, Arabic, French and Chinese
 * articles, names in other scripts, curly quotes, emoji and embedded-post remnants; 60% of the
 * articles carry annotations, about one span per 40 words (10 per article on average), nested the
 * way analysts nest them: actors and figures inside the claims and events that mention them.
 */
export interface GenSpan {
  id: string;
  label: Label;
  /** UTF-16 offsets into `text`, end-exclusive, as the app stores them. */
  start: number;
  end: number;
  note: string;
  attrs: AnyAttrs;
}

export interface GenArticle {
  id: string;
  title: string;
  source: string;
  url: string;
  author: string | null;
  publishedAt: string;
  language: Language;
  text: string;
  spans: GenSpan[];
}

export interface ArticleShape {
  /** Exact number of words (default: drawn from the length distribution). */
  words?: number;
  /** Exact number of spans (default: drawn from the annotation density). */
  spans?: number;
  language?: Language;
}

const LANGUAGES: [Language, number][] = [
  ['en', 0.68],
  ['ru', 0.1],
  ['uk', 0.06],
  ['ar', 0.08],
  ['fr', 0.04],
  ['zh', 0.04],
];
const UNITS_EN = ['people', 'drones', 'missiles', 'homes', 'km', 'tonnes', 'soldiers', 'dollars', 'per cent', 'villages'];
const OUTLET_KINDS = ['Daily', 'Times', 'Post', 'Herald', 'Monitor', 'Review', 'Courier', 'Gazette', 'Wire', 'Observer'];
const WORDS_PER_SPAN = 40;
const ANNOTATED_SHARE = 0.6;

type Range = [number, number];

class TextBuilder {
  private parts: string[] = [];
  pos = 0;
  add(s: string): Range {
    const start = this.pos;
    this.parts.push(s);
    this.pos += s.length;
    return [start, this.pos];
  }
  toString(): string {
    return this.parts.join('');
  }
}

interface Marks {
  words: Range[];
  /** Per sentence, the indexes in `words` of its first and last plain word. */
  sentenceWords: Range[];
  sentences: Range[];
  names: Range[];
  numbers: Range[];
  quotes: Range[];
}

function chooseLanguage(rng: Rng): Language {
  let x = rng();
  for (const [language, share] of LANGUAGES) {
    if ((x -= share) < 0) return language;
  }
  return 'en';
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function numberText(rng: Rng): { text: string; value: number } {
  const kind = rng();
  if (kind < 0.5) {
    const value = int(rng, 2, 99);
    return { text: String(value), value };
  }
  if (kind < 0.85) {
    const value = int(rng, 100, 20_000);
    return { text: value.toLocaleString('en'), value };
  }
  const value = int(rng, 11, 95) / 10;
  return { text: `${value} million`, value: value * 1_000_000 };
}

function sentence(b: TextBuilder, v: Vocabulary, rng: Rng, words: number, m: Marks): void {
  const sep = v.spaced ? ' ' : '';
  const quoted = rng() < 0.18;
  const start = b.pos;
  if (quoted) b.add(v.open);
  const inner = b.pos;
  const firstWord = m.words.length;
  for (let k = 0; k < words; k++) {
    if (k > 0) b.add(rng() < 0.07 ? `${v.comma}${sep}` : sep);
    const roll = rng();
    if (roll < 0.07) {
      m.names.push(b.add(v.name(rng)));
      // English reports often give a name in its own script too, e.g. Kursk (Курск).
      if (v.language === 'en' && rng() < 0.06) b.add(` (${vocabulary(pick(rng, ['ru', 'uk', 'ar'] as const)).name(rng)})`);
    } else if (roll < 0.1) {
      const n = numberText(rng);
      const unit = v.language === 'en' ? pick(rng, UNITS_EN) : v.content(rng);
      m.numbers.push(b.add(`${n.text}${sep}${unit}`));
      k++;
    } else {
      const w = v.word(rng);
      m.words.push(b.add(k === 0 ? capitalise(w) : w));
    }
  }
  if (quoted) {
    m.quotes.push([inner, b.pos]);
    b.add(`${v.comma}${v.close}${sep}`);
    m.names.push(b.add(v.name(rng)));
    b.add(`${sep}${v.word(rng)}`);
  }
  if (rng() < 0.01) b.add(` ${pick(rng, EMOJI)}`);
  b.add(v.stop);
  m.sentences.push([start, b.pos]);
  if (m.words.length > firstWord) m.sentenceWords.push([firstWord, m.words.length - 1]);
}

/** What users paste along with an article: a post's remnant, a "read also" line. */
function furniture(b: TextBuilder, v: Vocabulary, rng: Rng): void {
  if (rng() < 0.5) {
    const words = Array.from({ length: int(rng, 5, 14) }, () => v.word(rng)).join(v.spaced ? ' ' : '');
    const handle = v.name(rng).replace(/\s+/g, '_').toLowerCase();
    b.add(`${capitalise(words)} ${pick(rng, EMOJI)}${pick(rng, EMOJI)} pic.twitter.com/${uuid(rng).slice(0, 10)}\n— ${v.name(rng)} (@${handle}) March ${int(rng, 1, 28)}, 2024`);
  } else {
    b.add(`ALSO READ: ${capitalise(Array.from({ length: int(rng, 5, 10) }, () => v.word(rng)).join(v.spaced ? ' ' : ''))}`);
  }
}

function body(v: Vocabulary, rng: Rng, targetWords: number, m: Marks): string {
  const b = new TextBuilder();
  let written = 0;
  const furnitureAt = rng() < 0.25 ? int(rng, 1, 4) : -1;
  for (let p = 0; written < targetWords; p++) {
    if (p > 0) b.add('\n\n');
    if (p === furnitureAt) {
      furniture(b, v, rng);
      continue;
    }
    const sentences = int(rng, 1, 4);
    for (let s = 0; s < sentences && written < targetWords; s++) {
      if (s > 0) b.add(v.spaced ? ' ' : '');
      const words = Math.min(targetWords - written, Math.max(4, Math.round(19 + 7 * normal(rng))));
      sentence(b, v, rng, words, m);
      written += words;
    }
  }
  return b.toString();
}

function attrsFor(label: Label, quote: string, rng: Rng, v: Vocabulary, date: string): AnyAttrs {
  switch (label) {
    case 'actor':
      return rng() < 0.6 ? { canonicalName: quote.slice(0, 200), kind: pick(rng, ACTOR_KINDS) } : {};
    case 'figure': {
      const value = Number(/[\d.,]+/.exec(quote)?.[0]?.replace(/,/g, '') ?? Number.NaN);
      return rng() < 0.5 && Number.isFinite(value) ? { value, unit: quote.replace(/^[\d.,]+\s*/, '').slice(0, 50), qualifier: pick(rng, FIGURE_QUALIFIERS) } : {};
    }
    case 'claim':
      return rng() < 0.5 ? { status: pick(rng, CLAIM_STATUSES), ...(rng() < 0.5 ? { claimant: v.name(rng) } : {}) } : {};
    case 'event':
      return rng() < 0.4 ? { date: rng() < 0.7 ? date : date.slice(0, 7), location: v.name(rng) } : {};
  }
}

function chooseLabel(rng: Rng): Label {
  const x = rng();
  return x < 0.35 ? 'actor' : x < 0.5 ? 'figure' : x < 0.75 ? 'claim' : 'event';
}

/** A run of plain words inside one sentence, or (across) anywhere, paragraph breaks included. */
function wordRun(m: Marks, rng: Rng, min: number, max: number, across = false): Range | null {
  if (m.words.length === 0 || m.sentenceWords.length === 0) return null;
  const [lo, hi] = across ? [0, m.words.length - 1] : pick(rng, m.sentenceWords);
  const first = int(rng, lo, hi);
  const last = Math.min(hi, first + int(rng, min, max) - 1);
  return [(m.words[first] as Range)[0], (m.words[last] as Range)[1]];
}

function spansFor(text: string, count: number, m: Marks, rng: Rng, v: Vocabulary, date: string): GenSpan[] {
  const spans: GenSpan[] = [];
  const used = new Set<string>();
  for (let tries = 0; spans.length < count && tries < count * 20; tries++) {
    const label = chooseLabel(rng);
    let range: Range | null;
    const from = (list: Range[]) => (list.length ? pick(rng, list) : null);
    if (label === 'actor') range = rng() < 0.85 ? from(m.names) : wordRun(m, rng, 1, 2);
    else if (label === 'figure') range = rng() < 0.9 ? from(m.numbers) : wordRun(m, rng, 1, 3);
    else if (label === 'claim') range = rng() < 0.5 ? from(m.quotes) : from(m.sentences);
    // A few events run across a paragraph break, as analysts' spans sometimes do.
    else range = rng() < 0.01 ? wordRun(m, rng, 30, 60, true) : wordRun(m, rng, 3, 12);
    if (!range || range[1] <= range[0]) continue;
    const key = `${label}:${range[0]}:${range[1]}`;
    if (used.has(key)) continue;
    used.add(key);
    const quote = text.slice(range[0], range[1]);
    const note = rng() < 0.15 ? capitalise(Array.from({ length: int(rng, 4, 12) }, () => v.word(rng)).join(v.spaced ? ' ' : '')) + v.stop : '';
    spans.push({ id: uuid(rng), label, start: range[0], end: range[1], note, attrs: attrsFor(label, quote, rng, v, date) });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

function isoDate(index: number, rng: Rng): string {
  const day = new Date(Date.UTC(2019, 0, 1) + ((index * 7919) % 2500) * 86_400_000);
  return day.toISOString().slice(0, 10) + (rng() < 0.5 ? `T${String(int(rng, 5, 22)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:00Z` : '');
}

export function generateArticle(seed: string, index: number, shape: ArticleShape = {}): GenArticle {
  const rng = rngFor(seed, 'article', index);
  const drawn = chooseLanguage(rng);
  const language = shape.language ?? drawn;
  const v = vocabulary(language);
  const words = shape.words ?? Math.max(60, Math.min(9000, Math.round(550 * Math.exp(0.65 * normal(rng)))));
  const m: Marks = { words: [], sentenceWords: [], sentences: [], names: [], numbers: [], quotes: [] };
  const text = body(v, rng, words, m);
  const sep = v.spaced ? ' ' : '';
  const title = capitalise(Array.from({ length: int(rng, 6, 12) }, () => v.word(rng)).join(sep));
  const outlet = `${capitalise(vocabulary('en').content(rngFor(seed, 'outlet', index % 40)))} ${OUTLET_KINDS[index % OUTLET_KINDS.length]}`;
  const publishedAt = isoDate(index, rng);
  const slug = `${outlet.toLowerCase().replace(/\s+/g, '')}.example`;
  const count = shape.spans ?? (rng() < ANNOTATED_SHARE ? Math.max(1, Math.round((words / WORDS_PER_SPAN) * (0.4 + rng() * 1.2))) : 0);
  return {
    id: uuid(rng),
    title,
    source: outlet,
    url: `https://www.${slug}/${publishedAt.slice(0, 4)}/${publishedAt.slice(5, 7)}/${index}`,
    author: rng() < 0.7 ? vocabulary('en').name(rng) : null,
    publishedAt,
    language,
    text,
    spans: spansFor(text, count, m, rng, v, publishedAt.slice(0, 10)),
  };
}

/** Articles [from, to) of the corpus, generated lazily. */
export function* articles(seed: string, from: number, to: number): Generator<GenArticle> {
  for (let i = from; i < to; i++) yield generateArticle(seed, i);
}

export const CORPUS_SEED = 'spanwise-bench-1';
