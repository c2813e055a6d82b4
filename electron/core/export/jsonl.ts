import type { ExportItem } from '../store/export';
import { jsonLine } from './line-breaks';
import { originalRecord } from './provenance';
import { codePointText, exportLabel, exportSpans, orderedAttrs, snakeKey } from './spans';
import type { StreamWriter } from './types';
import { isLinkAttribute, jsonlEntity, NO_ENTITIES, type EntityRefs } from './entity-export';
import { eventLinks, jsonlEventFields } from './event-links';

/**
 * JSONL: one article per line, spans with code point offsets. Every line is an article and no line
 * carries the export time, so two exports of the same corpus are byte for byte the same file and
 * a re-imported export can be compared with its source directly. Attribute keys are snake_case
 * (canonical_name), as in the CSV columns, brat and W3C bodies; `meta.attribute_keys` says so,
 * and the importer reads both spellings, so the round trip is exact.
 */
export function jsonlWriter(refs: EntityRefs = NO_ENTITIES): StreamWriter {
  return {
    kind: 'stream',
    includeOrphaned: false,
    includeConflictCopies: false,
    includeHistory: false,
    gzip: false,
    begin: () => '',
    item: (item) => ({ chunk: `${jsonLine(jsonlRecord(item, refs))}\n`, spans: item.annotations.length }),
    end: () => '',
  };
}

export function jsonlRecord(item: ExportItem, refs: EntityRefs = NO_ENTITIES) {
  const { article, annotations, provenance } = item;
  const cp = codePointText(article.text);
  const links = eventLinks(item);
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    url: article.url,
    author: article.author,
    published_at: article.publishedAt,
    language: article.language,
    text: article.text,
    spans: exportSpans(cp, annotations).map((s) => ({
      id: s.annotation.id,
      start: s.start,
      end: s.end,
      label: exportLabel(s.annotation.label),
      text: s.text,
      note: s.annotation.note,
      attrs: Object.fromEntries(orderedAttrs(s.annotation.label, s.annotation.attrs).flatMap(([k, v]) => (isLinkAttribute(k) ? [] : [[snakeKey(k), v]]))),
      ...jsonlEntity(refs, s.annotation),
      ...jsonlEventFields(links, s.annotation.id),
    })),
    original: originalRecord(provenance),
    meta: { offset_unit: 'codepoint' as const, attribute_keys: 'snake_case' as const },
  };
}
