import { insertAnnotation } from '../../store/annotations';
import { insertArticle } from '../../store/articles';
import type { Db } from '../../store/db';

/** Every character Python's str.splitlines() ends a line at, CRLF included. */
export const EVERY_LINE_BREAK = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];

/** A note with each line break between words, a backslash and an escape-looking sequence. */
export const BROKEN_NOTE = `${EVERY_LINE_BREAK.map((b, i) => `w${i}${b}`).join('')}end \\ and \\u2028 typed`;

/** URLs as they arrive from pasted pages: a space and quotes, characters RDF's N-Triples forbids, and one that is no IRI at all. */
export const AWKWARD_URLS = {
  quoted: 'https://example.org/news/a "quoted" title?x=<1>&y={2}|3^4#frag#more',
  unicode: 'https://пример.рф/статья/один два',
  none: 'example.org/no-scheme here',
} as const;

/**
 * Articles and annotations whose ids, notes, attributes and URLs are what breaks readers: ids
 * with spaces, slashes and Cyrillic, every line separator in notes and attributes, and cells a
 * spreadsheet would run as formulas.
 */
export function buildAwkward(db: Db): { articleIds: string[]; annotationIds: string[] } {
  const articleIds: string[] = [];
  const annotationIds: string[] = [];
  db.transaction(() => {
    const urls = [AWKWARD_URLS.quoted, AWKWARD_URLS.unicode, AWKWARD_URLS.none];
    urls.forEach((url, n) => {
      const id = ['Kyiv report 1', 'звіт/2', 'a"b<c>'][n] as string;
      const text = `=SUM(A1) said the officials in Kyiv, and 76 drones.\n\n@handle wrote: -5 or +7 (report ${n}).`;
      const article = insertArticle(
        db,
        { title: n === 0 ? '=HYPERLINK("x")' : `Report ${n}`, source: null, url, author: null, publishedAt: null, language: 'en', text },
        { id, importedAt: `2024-11-2${n}T09:00:00.000Z` },
      );
      articleIds.push(article.id);
      const span = (annId: string, label: 'claim' | 'figure' | 'actor', quote: string, note: string, attrs: Record<string, string | number>) => {
        const start = text.indexOf(quote);
        annotationIds.push(
          insertAnnotation(db, {
            id: annId,
            articleId: article.id,
            label,
            start,
            end: start + quote.length,
            quote,
            note,
            attrs,
            author: 'alice',
            createdAt: '2024-11-27T10:00:00.000Z',
            updatedAt: '2024-11-27T10:00:00.000Z',
          }).id,
        );
      };
      span(`${id} claim one`, 'claim', '=SUM(A1) said the officials', BROKEN_NOTE, { claimant: `the\u2028officials\x85of${n}`, status: 'disputed' });
      span(`${id}/figure#2`, 'figure', '76 drones', '-5 is not the figure', { value: 76, unit: 'drones\u2029(shot down)', qualifier: 'exact' });
      span(`${id} actor`, 'actor', '@handle', '+ handle', { canonicalName: '@handle\vname', kind: 'person' });
    });
  })();
  return { articleIds, annotationIds };
}
