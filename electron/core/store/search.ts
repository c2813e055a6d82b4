import { indexGrams, needsSegmenting, queryGrams, RUN } from './segment';

/**
 * Turns what an analyst types into a safe FTS5 query. Users type words, "quoted phrases" and
 * prefix* terms; every other FTS5 operator character is treated as text, so stray quotes,
 * parentheses, colons or a lone AND never produce a syntax error. Words are cut as the index
 * cuts them: a Chinese, Japanese or Thai run becomes the phrase of its character pairs, cut off
 * from the letters and digits beside it (segment.ts).
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  const text = input.normalize('NFC');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const raw = m[1] ?? (m[2] as string);
    const phrase = tokenize(raw);
    if (phrase.words.length === 0) continue;
    // "Kursk-Vostochny" is one user word but several index tokens: search it as a phrase.
    const term = quote(phrase.words.join(' '));
    const prefix = (m[1] === undefined && /\*+$/.test(raw)) || phrase.openEnd;
    terms.push(prefix ? `${term}*` : term);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/**
 * Splits like the index's tokenizer does: runs of letters, digits and marks (any script) form
 * tokens, and a run of an unspaced script is cut as the index cut it. `openEnd`: the phrase ends
 * in one character of such a run, which the index holds only as the start of a pair (or a run's
 * last character), so the phrase is searched as a prefix.
 */
function tokenize(s: string): { words: string[]; openEnd: boolean } {
  const pieces: { text: string; run: boolean }[] = [];
  for (const token of s.match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu) ?? []) {
    if (!needsSegmenting(token)) {
      pieces.push({ text: token, run: false });
      continue;
    }
    let at = 0;
    for (const m of token.matchAll(RUN)) {
      if (m.index > at) pieces.push({ text: token.slice(at, m.index), run: false });
      pieces.push({ text: m[0], run: true });
      at = m.index + m[0].length;
    }
    if (at < token.length) pieces.push({ text: token.slice(at), run: false });
  }
  const words: string[] = [];
  let openEnd = false;
  pieces.forEach((piece, i) => {
    if (!piece.run) {
      words.push(piece.text);
      return;
    }
    const last = i === pieces.length - 1;
    // A run followed by more of the phrase ends there in the text too, where the index holds its
    // last character alone; at the phrase's end the text may go on, so only its pairs are sure.
    const grams = last ? queryGrams(piece.text) : indexGrams(piece.text);
    words.push(...grams);
    openEnd = last && /^\P{M}\p{M}*$/u.test(piece.text);
  });
  return { words, openEnd };
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

