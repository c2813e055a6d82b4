import { ATTR_SCHEMAS, Id, LABELS, parseAttrs, type AnyAttrs, type Label, type SpanDraft } from '../../../shared/model';
import { codePointLength, makeUtf16Converter } from '../../../shared/text';
import { cleanField, META_LIMITS, normalizeDate, normalizeLanguage, safeUrl } from './meta';
import { excerpt } from './problems';
import { canonicalWithMap } from './remap';
import { titleFrom } from './txt';
import { OriginalRecord } from '../../../shared/ipc/provenance';
import type { ImportDraft } from './types';
import { spanEntity } from './span-entity';
import { keepRolesInRecord, spanEventFields } from './span-roles';

export const LABEL_NAMES = LABELS.map((l) => l.toUpperCase()).join(', ');

/** A label as datasets write it (EVENT, event, Event), or null when it is not one of ours. */
export function parseLabel(value: unknown): Label | null {
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  return (LABELS as readonly string[]).includes(lower) ? (lower as Label) : null;
}

/** snake_case and kebab-case keys (canonical_name) as the model spells them (canonicalName). */
export function camelKey(key: string): string {
  return key.replace(/[-_ ]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Validates a span's attributes for its label; keys the label does not have are named, not kept. */
export function checkAttrs(label: Label, attrs: unknown): { ok: true; attrs: AnyAttrs; ignored: string[] } | { ok: false; message: string } {
  if (attrs === undefined || attrs === null) return { ok: true, attrs: {}, ignored: [] };
  if (typeof attrs !== 'object' || Array.isArray(attrs)) return { ok: false, message: 'attributes are not an object' };
  const known = Object.keys(ATTR_SCHEMAS[label].shape);
  const renamed: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    const name = camelKey(key);
    if (known.includes(name)) renamed[name] = value;
    else if (value !== null && value !== undefined && value !== '') ignored.push(key);
  }
  const parsed = parseAttrs(label, renamed);
  return parsed.ok ? { ok: true, attrs: parsed.attrs, ignored } : { ok: false, message: parsed.message };
}

/** `problems` name the spans left out of an article that was imported. */
type RecordResult = { ok: true; draft: ImportDraft; warnings: string[]; problems: string[] } | { ok: false; reason: string };

/**
 * One article in the JSONL/JSON export format. Span offsets are code points into `text` (or UTF-16
 * units when `meta.offset_unit` says so), end-exclusive. As with brat, a span that is sound but
 * not ours (a label outside the four, attributes its label does not allow, a note that is not
 * text, a place canonicalization cannot keep) is left out and named while the article and its
 * other spans import. Offsets that do not fit the text refuse the whole record: they mean the
 * record is not what its author thinks (another text, another offset unit), and importing the
 * article would hide that.
 */
export function articleFromRecord(value: unknown, fallbackTitle: string): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an article object' };
  const record = value as Record<string, unknown>;
  if (record.text === undefined || record.text === null) return { ok: false, reason: 'no "text" field' };
  if (typeof record.text !== 'string') return { ok: false, reason: '"text" is not a string' };
  const raw = record.text;

  const meta = record.meta;
  const unit = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).offset_unit : undefined;
  if (unit !== undefined && !['codepoint', 'utf16', 'utf-16'].includes(String(unit).toLowerCase())) {
    return { ok: false, reason: `unknown offset unit ${excerpt(String(unit))} (expected "codepoint")` };
  }
  const codePoints = unit === undefined || String(unit).toLowerCase() === 'codepoint';

  const canonical = canonicalWithMap(raw);
  if (canonical.text === '') return { ok: false, reason: 'the text is empty' };

  const warnings: string[] = [];
  const problems: string[] = [];
  const misfits: string[] = [];
  const spans: SpanDraft[] = [];
  const rawSpans = record.spans ?? [];
  if (!Array.isArray(rawSpans)) return { ok: false, reason: '"spans" is not a list' };
  const toUtf16 = codePoints ? makeUtf16Converter(raw) : (i: number) => i;
  const length = codePoints ? codePointLength(raw) : raw.length;
  const unitName = codePoints ? 'code points' : 'UTF-16 units';

  for (const [i, item] of rawSpans.entries()) {
    const span = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const id = typeof span.id === 'string' && Id.safeParse(span.id).success ? span.id : undefined;
    const name = id ?? `#${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`span ${name} is not an object; left out`);
      continue;
    }
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      misfits.push(`span ${name} has no whole-number start and end`);
      continue;
    }
    const s = start as number;
    const e = end as number;
    if (s < 0 || e <= s || e > length) {
      misfits.push(`span ${name} (${s}-${e}) lies outside the text (${length} ${unitName})`);
      continue;
    }
    const from = toUtf16(s);
    const to = toUtf16(e);
    const quote = span.text ?? span.quote;
    if (quote !== undefined && quote !== null && quote !== raw.slice(from, to)) {
      misfits.push(`span ${name} quote does not match the text (quote ${excerpt(String(quote))}, text at ${s}-${e} is ${excerpt(raw.slice(from, to))})`);
      continue;
    }
    const label = parseLabel(span.label);
    if (!label) {
      problems.push(
        span.label === undefined
          ? `span ${name} has no label; left out`
          : `span ${name} has label ${excerpt(String(span.label))}, which is not one of ${LABEL_NAMES}; left out`,
      );
      continue;
    }
    if (span.note !== undefined && span.note !== null && typeof span.note !== 'string') {
      problems.push(`span ${name} note is not text; left out`);
      continue;
    }
    const attrs = checkAttrs(label, span.attrs ?? span.attributes);
    if (!attrs.ok) {
      problems.push(`span ${name} attributes: ${attrs.message}; left out`);
      continue;
    }
    if (attrs.ignored.length) warnings.push(`span ${name}: ${label} has no attribute ${attrs.ignored.join(', ')}; ignored`);
    const entity = spanEntity(label, span.entity, (w) => warnings.push(`span ${name}: ${w}`));
    const links = spanEventFields(label, span, (p) => problems.push(`span ${name} ${p}`));
    const moved = canonical.remap(from, to);
    if (!moved.ok) {
      problems.push(`span ${name} ${moved.reason}; left out`);
      continue;
    }
    spans.push({
      ...(id ? { id } : {}),
      label,
      start: moved.start,
      end: moved.end,
      ...(typeof span.note === 'string' && span.note !== '' ? { note: span.note } : {}),
      ...(Object.keys(attrs.attrs).length ? { attrs: attrs.attrs } : {}),
      ...(entity ? { entity } : {}),
      ...links,
    });
  }
  if (misfits.length) {
    const more = misfits.length > 3 ? `; and ${misfits.length - 3} more spans that do not fit` : '';
    return { ok: false, reason: misfits.slice(0, 3).join('; ') + more };
  }
  keepRolesInRecord(spans, new Set(spans.flatMap((s) => (s.id ? [s.id] : []))), (p) => problems.push(p));
  if (canonical.changed && spans.length) warnings.push(`text normalized (line endings, spacing or Unicode form); ${spans.length} span(s) moved with it`);

  const id = typeof record.id === 'string' && Id.safeParse(record.id).success ? record.id : undefined;
  const published = record.published_at ?? record.publishedAt;
  const draft: ImportDraft = {
    title: cleanField(record.title, META_LIMITS.title) ?? titleFrom(canonical.text, fallbackTitle),
    source: cleanField(record.source, META_LIMITS.source),
    url: safeUrl(record.url),
    author: cleanField(record.author, META_LIMITS.author),
    // Values the normalizers do not understand are kept: a round trip must give back what was exported.
    publishedAt: normalizeDate(published) ?? cleanField(published, META_LIMITS.publishedAt),
    language: normalizeLanguage(record.language) ?? cleanField(record.language, META_LIMITS.language),
    text: canonical.text,
    spans,
    ...(id ? { id } : {}),
    ...carriedOriginal(record.original, warnings),
  };
  return { ok: true, draft, warnings, problems };
}

/** An exported record's `original`, kept when it is sound; one that is not is named and left out. */
function carriedOriginal(value: unknown, warnings: string[]): { carried?: OriginalRecord } {
  if (value === undefined || value === null) return {};
  const read = OriginalRecord.safeParse(value);
  if (read.success) return { carried: read.data };
  const issue = read.error.issues[0];
  warnings.push(`"original" left out (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'not a provenance record'}); the article says it came from this file instead`);
  return {};
}
