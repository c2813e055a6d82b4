import { randomUUID } from 'node:crypto';
import { plural } from '../../../shared/plural';
import type { ExportItem } from '../store/export';
import { asIri, urn } from './iri';
import { jsonLine } from './line-breaks';
import { ATTRIBUTE_COLUMNS, codePointText, exportLabel, exportSpans, type CodePointText, type ExportSpan } from './spans';
import type { StreamWriter } from './types';
import { NO_ENTITIES, w3cIdentifyingBody, type EntityRefs } from './entity-export';
import { eventLinks, w3cIncidentBody, w3cRoleAnnotations, type EventLinks } from './event-links';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Code points of context either side of the quote in a TextQuoteSelector. */
export const QUOTE_CONTEXT = 32;

/** Ids are percent-encoded (iri.ts): an id with a space or a slash is still one valid IRI. */
export const articleUrn = (id: string) => urn('article', id);
export const annotationUrn = (id: string) => urn('annotation', id);

/**
 * W3C Web Annotation: one AnnotationCollection document whose first (and only) AnnotationPage
 * holds every annotation, streamed item by item; `total` is written last, when it is known. Each
 * span is one annotation (motivation "tagging"); each role (an event's actor, ...; a claim's
 * claimant) one more, "linking" the two (event-links.ts); an event in an incident has the
 * incident's URN as an identifying body.
 *
 * The target's source is the article's URN, not its web address: the selectors count into
 * Spanwise's canonical text, which is not the text of the page at the URL. The URL, when there
 * is one, is the target's `scope`. Attributes become TextualBodies with purpose "describing",
 * valued `<csv column>: <value>` (claim_status: disputed). A URL that cannot be made a valid IRI
 * (iri.ts) is no scope: it is kept as a describing body (`source_url: ...`, a plain string, which
 * every RDF serialisation can hold) and the export's notes count the articles it happened to.
 */
export function w3cWriter(refs: EntityRefs = NO_ENTITIES): StreamWriter {
  const collection = `urn:spanwise:export:${randomUUID()}`;
  let written = 0;
  const notIri: string[] = [];
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
      const links = eventLinks(item);
      const annotations = w3cAnnotations(item, refs, links).map((a) => jsonLine(a));
      if (item.article.url && annotations.length > 0 && asIri(item.article.url) === null) notIri.push(item.article.id);
      const all = [...annotations, ...w3cRoleAnnotations(links, annotationUrn).map((a) => jsonLine(a))];
      const chunk = all.map((a) => `${written++ === 0 ? '\n' : ',\n'}${a}`).join('');
      return { chunk, spans: annotations.length };
    },
    // Every annotation on the page: one per span, and one per role linking two of them.
    end: () => `\n]},"total":${written}}\n`,
    notes: () =>
      notIri.length === 0
        ? []
        : [
            `w3c: the URL of ${plural(notIri.length, 'article')} (${notIri.slice(0, 5).join(', ')}${notIri.length > 5 ? ', ...' : ''}) is not a valid IRI, so it is no target scope; each annotation keeps it as a "source_url: ..." body`,
          ],
  };
}

export function w3cAnnotations(item: ExportItem, refs: EntityRefs = NO_ENTITIES, links: EventLinks = eventLinks(item)) {
  const { article, annotations } = item;
  const cp = codePointText(article.text);
  return exportSpans(cp, annotations).map((span) => w3cAnnotation(cp, span, article.id, article.url, refs, links));
}

function w3cAnnotation(cp: CodePointText, span: ExportSpan, articleId: string, url: string | null, refs: EntityRefs, links: EventLinks) {
  const a = span.annotation;
  const scope = url ? asIri(url) : null;
  const body: Record<string, string>[] = [
    { type: 'TextualBody', purpose: 'tagging', value: exportLabel(a.label) },
    ...w3cIdentifyingBody(refs, a),
    ...w3cIncidentBody(links, a.id),
  ];
  if (a.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: a.note });
  for (const { label, key, column } of ATTRIBUTE_COLUMNS) {
    const value = a.attrs[key];
    if (label === a.label && value !== undefined && value !== null && value !== '') {
      body.push({ type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: `${column}: ${value}` });
    }
  }
  if (url && scope === null) body.push({ type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: `source_url: ${url}` });
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
      ...(scope ? { scope } : {}),
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
