import { needsSegmenting, queryGrams, RUN, unsegment } from './segment';

/**
 * Turns what an analyst types into a safe FTS5 query. Users type words, "quoted phrases" and
 * prefix* terms; every other FTS5 operator character is treated as text, so stray quotes,
 * parentheses, colons or a lone AND never produce a syntax error. Words are cut as the index
 * cuts them: a Chinese, Japanese or Thai run becomes the phrase of its character pairs, one such
 * character alone a prefix (segment.ts).
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  const text = input.normalize('NFC');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) {
      const words = tokenize(m[1]);
      if (words.length > 0) terms.push(quote(words.join(' ')));
      continue;
    }
    const raw = m[2] as string;
    const words = tokenize(raw);
    // One character of an unspaced script is the start of the pairs it begins, or a run's last.
    const oneCharacter = words.length === 1 && needsSegmenting(raw) && /^\P{M}\p{M}*$/u.test(words[0] as string);
    const prefix = /\*+$/.test(raw) || oneCharacter;
    if (words.length === 0) continue;
    // "Kursk-Vostochny" is one user word but several index tokens: search it as a phrase.
    const term = quote(words.join(' '));
    terms.push(prefix ? `${term}*` : term);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/** Splits like the index's tokenizer does: runs of letters, digits and marks (any script) form tokens. */
function tokenize(s: string): string[] {
  return (s.match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu) ?? []).flatMap((token) => (needsSegmenting(token) ? segmented(token) : [token]));
}

/** A token with a run of an unspaced script in it, cut as the index cut it. */
function segmented(token: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const m of token.matchAll(RUN)) {
    if (m.index > at) out.push(token.slice(at, m.index));
    out.push(...queryGrams(m[0]));
    at = m.index + m[0].length;
  }
  if (at < token.length) out.push(token.slice(at));
  return out;
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A snippet or highlight as the analyst should see it: without the word breaks the index was given. */
export function cleanSnippet(s: string): string {
  return unsegment(s);
}
