import type { Db } from './db';

/**
 * Search in the scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese).
 * FTS5's unicode61 tokenizer splits only at spaces and punctuation, so a Chinese sentence is one
 * token and a word inside it can never be found. The index is therefore given a copy of such
 * runs cut into overlapping pairs of characters ("无人机" → 无人 人机 机), zero-width spaces
 * between them (separators to the tokenizer), and a query is cut into the same pairs and searched
 * as a phrase, which finds it wherever it stands, as a substring. A run is also cut off from the
 * letters and digits around it ("2024年", "iPhone手机" are one token to the tokenizer, and a
 * query for 年 or 手机 would never match it), as the query side cuts it. A dictionary word segmenter
 * (Intl.Segmenter) was tried first and is not sound for this: it cuts by context, so a query
 * alone is often cut otherwise than the same word in a sentence (ドローン alone is ド + ローン,
 * in a sentence one word) and then finds nothing. The pairs come back out of snippets as the
 * text they stand for (`unsegment`).
 */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30fc\\u3005';
const SEGMENTED_SCRIPT = new RegExp(`[${UNSPACED}]`, 'u');
/** A run of those scripts, with the combining marks (Thai vowels and tones) that belong to its letters. */
export const RUN = new RegExp(`[${UNSPACED}][${UNSPACED}\\p{M}]*`, 'gu');
/** A letter with its marks; a mark with no letter before it (broken text) counts as one of its own. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/** What the index puts between two pairs and around each run; `unsegment` takes it out again. */
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

/**
 * The text as the index reads it, or null when it has nothing to segment (the text itself is
 * indexed). Every run gets a break on both sides, even where a space or the text's edge already
 * separates it: `unsegment` then takes exactly one break off each side, which gives back the text
 * as written even where it held zero-width spaces of its own.
 */
export function segmentForIndex(text: unknown): string | null {
  if (typeof text !== 'string' || !needsSegmenting(text)) return null;
  return text.replace(RUN, (run) => WORD_BREAK + indexGrams(run).join(WORD_BREAK) + WORD_BREAK);
}

const MARKERS = /[\ue000\ue001]/u;
/** One pair (or last character) as a snippet gives it: run characters with any hit markers, never starting with a mark. */
const GRAM = `[\\ue000\\ue001]*[${UNSPACED}][${UNSPACED}\\p{M}\\ue000\\ue001]*`;
/** A segmented run: its pairs between breaks, and the breaks around it (either may be cut off by a snippet's edge). */
const SEGMENTED_RUN = new RegExp(`${WORD_BREAK}?${GRAM}(?:${WORD_BREAK}${GRAM})*${WORD_BREAK}?`, 'gu');

/**
 * The text a snippet or highlight of segmented text stands for. Each pair gives its first
 * character (the last single one gives itself), and the breaks around the run go; a hit marker
 * that closed after a pair's second character is put back after that character, which the next
 * pair begins with. A zero-width space of the text's own lies outside a run's own two breaks, and
 * stays.
 */
export function unsegment(s: string): string {
  if (!s.includes(WORD_BREAK)) return s;
  return s.replace(SEGMENTED_RUN, (segmented) => {
    // One pair alone, a snippet's edges on both sides of it: shown as it stands.
    if (!segmented.includes(WORD_BREAK)) return segmented;
    let out = '';
    let carried = '';
    for (const gram of segmented.split(WORD_BREAK)) {
      if (gram === '') continue;
      const parts = [...gram.matchAll(/[\ue000\ue001]|\P{M}\p{M}*|\p{M}+/gu)].map((m) => m[0]);
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
