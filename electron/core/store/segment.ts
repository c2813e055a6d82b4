import type { Db } from './db';

/**
 * Search in the scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese).
 * FTS5's unicode61 tokenizer splits only at spaces and punctuation, so a Chinese sentence is one
 * token and a word inside it can never be found. The index is therefore given a copy of such
 * runs cut into overlapping pairs of characters ("无人机" → 无人 人机 机), zero-width spaces
 * between them (separators to the tokenizer), and a query is cut into the same pairs and searched
 * as a phrase, which finds it wherever it stands, as a substring. A dictionary word segmenter
 * (Intl.Segmenter) was tried first and is not sound for this: it cuts by context, so a query
 * alone is often cut otherwise than the same word in a sentence (ドローン alone is ド + ローン,
 * in a sentence one word) and then finds nothing. The pairs come back out of snippets as the
 * text they stand for (`unsegment`).
 */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30fc\\u3005';
const SEGMENTED_SCRIPT = new RegExp(`[${UNSPACED}]`, 'u');
/** A run of those scripts, with the combining marks (Thai vowels and tones) that belong to its letters. */
export const RUN = new RegExp(`[${UNSPACED}][${UNSPACED}\\p{M}]*`, 'gu');
const CLUSTER = /\P{M}\p{M}*/gu;

/** What the index puts between two pairs; `unsegment` takes it out again. */
export const WORD_BREAK = '\u200b';

export function needsSegmenting(text: string): boolean {
  return SEGMENTED_SCRIPT.test(text);
}

function clusters(run: string): string[] {
  return run.match(CLUSTER) ?? [];
}

/** A run as the index holds it: its overlapping pairs, then its last character on its own (so one character can be found anywhere). */
export function indexGrams(run: string): string[] {
  const cs = clusters(run);
  if (cs.length <= 1) return cs;
  return [...cs.slice(0, -1).map((c, i) => c + (cs[i + 1] as string)), cs[cs.length - 1] as string];
}

/** A run as a query looks for it: its pairs, or the one character (which the caller searches as a prefix). */
export function queryGrams(run: string): string[] {
  const cs = clusters(run);
  if (cs.length <= 1) return cs;
  return cs.slice(0, -1).map((c, i) => c + (cs[i + 1] as string));
}

/** The text as the index reads it, or null when it has nothing to segment (the text itself is indexed). */
export function segmentForIndex(text: unknown): string | null {
  if (typeof text !== 'string' || !needsSegmenting(text)) return null;
  return text.replace(RUN, (run) => indexGrams(run).join(WORD_BREAK));
}

const MARKERS = /[\ue000\ue001]/u;

/**
 * The text a snippet or highlight of segmented text stands for. Each pair gives its first
 * character (the last single one gives itself); a hit marker that closed after a pair's second
 * character is put back after that character, which the next pair begins with.
 */
export function unsegment(s: string): string {
  if (!s.includes(WORD_BREAK)) return s;
  const piece = new RegExp(`(?:[${UNSPACED}\\p{M}\\ue000\\ue001]+${WORD_BREAK})+[${UNSPACED}\\p{M}\\ue000\\ue001]+`, 'gu');
  return s.replace(piece, (segmented) => {
    let out = '';
    let carried = '';
    for (const gram of segmented.split(WORD_BREAK)) {
      const parts = [...gram.matchAll(/[\ue000\ue001]|\P{M}\p{M}*/gu)].map((m) => m[0]);
      const first = parts.findIndex((p) => !MARKERS.test(p));
      if (first < 0) {
        out += parts.join('');
        continue;
      }
      out += parts.slice(0, first).join('') + (parts[first] as string) + carried;
      // Markers after the first character belong after the second one: the next pair's first.
      carried = parts.slice(first + 1).filter((p) => MARKERS.test(p)).join('');
    }
    return out + carried;
  });
}

/**
 * Makes the segmenting function the index's triggers call (migration 0006) known to a
 * connection. Every connection the app, the command line and the tests open goes through
 * openStore, which calls this before anything can write.
 */
export function registerSegmenter(db: Db): void {
  db.function('spanwise_segment', { deterministic: true }, (text: unknown) => segmentForIndex(text));
}
