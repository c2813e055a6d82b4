/**
 * Turns what an analyst types into a safe FTS5 query. Users type words, "quoted phrases" and
 * prefix* terms; every other FTS5 operator character is treated as text, so stray quotes,
 * parentheses, colons or a lone AND never produce a syntax error.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    if (m[1] !== undefined) {
      const words = tokenize(m[1]);
      if (words.length > 0) terms.push(quote(words.join(' ')));
      continue;
    }
    const raw = m[2] as string;
    const prefix = /\*+$/.test(raw);
    const words = tokenize(raw);
    if (words.length === 0) continue;
    // "Kursk-Vostochny" is one user word but several index tokens: search it as a phrase.
    const term = quote(words.join(' '));
    terms.push(prefix ? `${term}*` : term);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/** Splits like unicode61 does: runs of letters, digits and marks (any script) form tokens. */
function tokenize(s: string): string[] {
  return s.match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu) ?? [];
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
