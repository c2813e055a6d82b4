import { randomUUID } from 'node:crypto';
import type { ExportItem } from '../store/export';
import { ATTRIBUTE_COLUMNS, codePointText, exportLabel, exportSpans, type CodePointText, type ExportSpan } from './spans';
import type { StreamWriter } from './types';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Code points of context either side of the quote in a TextQuoteSelector. */
export const QUOTE_CONTEXT = 32;

export const articleUrn = (id: string) => `urn:spanwise:article:${id}`;
export const annotationUrn = (id: string) => `urn:spanwise:annotation:${id}`;

/**
 * W3C Web Annotation: one AnnotationCollection document whose first (and only) AnnotationPage
 * holds every annotation, streamed item by item; `total` is written last, when it is known.
 *
 * The target's source is the article's URN, not its web address: the selectors count into
 * Spanwise's canonical text, which is not the text of the page at the URL. The URL, when there
 * is one, is the target's `scope`. Attributes become TextualBodies with purpose "describing",
 * valued `<csv column>: <value>` (claim_status: disputed).
 */
export function w3cWriter(): StreamWriter {
  const collection = `urn:spanwise:export:${randomUUID()}`;
  let written = 0;
  return {
    kind: 'stream',
    includeOrphaned: false,
    includeConflictCopies: false,
    includeHistory: false,
    gzip: false,
    begin: () => {
      const head = JSON.stringify({
        '@context': W3C_CONTEXT,
        id: collection,
        type: 'AnnotationCollection',
        label: 'Spanwise annotations',
        first: { id: `${collection}:page:1`, type: 'AnnotationPage', partOf: collection, startIndex: 0 },
      });
      // Reopen the page object to stream its items: `...,"startIndex":0}}` becomes `...,"startIndex":0,"items":[`.
      return `${head.slice(0, -2)},"items":[`;
    },
    item: (item) => {
      const annotations = w3cAnnotations(item).map((a) => JSON.stringify(a));
      const chunk = annotations.map((a) => `${written++ === 0 ? '\n' : ',\n'}${a}`).join('');
      return { chunk, spans: annotations.length };
    },
    end: (totals) => `\n]},"total":${totals.spans}}\n`,
  };
}

export function w3cAnnotations({ article, annotations }: ExportItem) {
  const cp = codePointText(article.text);
  return exportSpans(cp, annotations).map((span) => w3cAnnotation(cp, span, article.id, article.url));
}

function w3cAnnotation(cp: CodePointText, span: ExportSpan, articleId: string, url: string | null) {
  const a = span.annotation;
  const body: Record<string, string>[] = [{ type: 'TextualBody', purpose: 'tagging', value: exportLabel(a.label) }];
  if (a.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: a.note });
  for (const { label, key, column } of ATTRIBUTE_COLUMNS) {
    const value = a.attrs[key];
    if (label === a.label && value !== undefined && value !== null && value !== '') {
      body.push({ type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: `${column}: ${value}` });
    }
  }
  return {
    id: annotationUrn(a.id),
    type: 'Annotation',
    motivation: 'tagging',
    ...(a.author ? { creator: { type: 'Person', name: a.author } } : {}),
    created: a.createdAt,
    modified: a.updatedAt,
    body,
    target: {
      source: articleUrn(articleId),
      ...(url ? { scope: url } : {}),
      selector: [
        { type: 'TextPositionSelector', start: span.start, end: span.end },
        {
          type: 'TextQuoteSelector',
          exact: span.text,
          prefix: cp.slice(span.start - QUOTE_CONTEXT, span.start),
          suffix: cp.slice(span.end, span.end + QUOTE_CONTEXT),
        },
      ],
    },
  };
}
