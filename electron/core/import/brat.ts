import { randomUUID } from 'node:crypto';
import { ATTR_SCHEMAS, parseAttrs, type AnyAttrs, type Label, type SpanDraft } from '../../../shared/model';
import { codePointLength, makeUtf16Converter } from '../../../shared/text';
import { LINE_BREAK } from '../export/line-breaks';
import { ATTRIBUTES_TYPE, BRAT_ROLE_ARGUMENTS, CLAIMANT_RELATION, NOTE_TYPE, splitTabs, unescapeNote } from '../export/brat-format';
import { camelKey, checkAttrs, LABEL_NAMES, parseLabel } from './records';
import { excerpt } from './problems';
import { canonicalWithMap } from './remap';
import { detectLanguage } from './language';
import { titleFrom } from './txt';
import type { ParseOutcome } from './types';

export { BRAT_CONFIG_FILES } from '../../../shared/formats';

interface TextBound {
  id: string;
  label: Label;
  start: number;
  end: number;
  note: string[];
  attrs: Record<string, unknown>;
  /** Given only to spans a claim or an event links to, so the link can name the span. */
  spanId?: string;
  /** An event's roles from its `E` line, naming the spans by the spanId given them. */
  roles?: { role: string; spanId: string }[];
}

/**
 * A brat standoff pair: the `.txt` document and its `.ann` annotations. `T` lines give code point
 * offsets into the text exactly as stored; a span written as fragments (`a b;c d`) becomes one
 * span when only whitespace separates the fragments. A line is split at its first two tabs only,
 * as brat does, so span text and notes may hold tabs. `#` AnnotatorNotes become notes (`\n`,
 * `\r` and `\\` read as the export escapes them), an `Attributes` comment (JSON) and `A`/`M`
 * lines become attributes where they mean one of ours, and a Claimant relation links a claim to
 * its actor. Older exports wrote free-text attributes as `<label>_<attribute>: value` notes; those
 * are still read as attributes. Entity types other than the four are reported by name and left
 * out rather than guessed. An `E` line whose trigger is an event span gives that event its roles
 * (and its id stands for the trigger in notes and attributes, as brat has it); other relations and
 * events have no counterpart.
 */
export function parseBrat(rawText: string, annText: string, baseName: string): ParseOutcome {
  const raw = rawText.replace(/^\uFEFF/, '');
  const canonical = canonicalWithMap(raw);
  if (canonical.text === '') return { ok: false, reason: 'no text in file' };
  const toUtf16 = makeUtf16Converter(raw);
  const length = codePointLength(raw);

  const bounds = new Map<string, TextBound>();
  const skippedIds = new Set<string>();
  const problems: string[] = [];
  const warnings: string[] = [];
  const fatal: string[] = [];
  const ignored = new Map<string, number>();
  // brat reads .ann lines as Python splits them: CRLF, LF, a lone CR, NEL, U+2028 and the rest of LINE_BREAK end a line.
  const lines = annText.replace(/^\uFEFF/, '').split(new RegExp(`\\r\\n|${LINE_BREAK.source}`));

  // Text-bound annotations first: notes and attributes may come before the span they refer to.
  const entries = lines.map((line, i) => ({ line, at: i + 1 })).filter((e) => e.line.trim() !== '');
  // Then events: an event's notes, attributes and normalization name its E line, not its trigger.
  const ordered = [...entries.filter((e) => e.line.startsWith('T')), ...entries.filter((e) => e.line.startsWith('E')), ...entries.filter((e) => !/^[TE]/.test(e.line))];
  const triggerOf = new Map<string, TextBound>();
  const boundOf = (id: string | undefined) => (id === undefined ? undefined : (bounds.get(id) ?? triggerOf.get(id)));
  for (const { line, at } of ordered) {
    const where = `line ${at}`;
    const [id = '', body = '', quote] = splitTabs(line, 2);
    if (id.startsWith('T')) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
      if (!m) {
        fatal.push(`${where}: ${id} is not a valid text-bound annotation`);
        continue;
      }
      const type = m[1] as string;
      const fragments = (m[2] as string).split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      const label = parseLabel(type);
      if (!label) {
        skippedIds.add(id);
        problems.push(`${id}: entity type ${excerpt(type)} is not one of ${LABEL_NAMES}; left out`);
        continue;
      }
      const outside = fragments.find(([s, e]) => !(s >= 0 && e > s && e <= length));
      if (outside) {
        fatal.push(`${id} (${outside[0]}-${outside[1]}) lies outside the text (${length} code points)`);
        continue;
      }
      const slices = fragments.map(([s, e]) => raw.slice(toUtf16(s), toUtf16(e)));
      if (quote !== undefined && quote !== slices.join(' ')) {
        fatal.push(`${id} quote does not match the text (quote ${excerpt(quote)}, text has ${excerpt(slices.join(' '))})`);
        continue;
      }
      const sorted = [...fragments].sort((a, b) => a[0] - b[0]);
      const gap = sorted.slice(1).find(([s], k) => !/^\s*$/u.test(raw.slice(toUtf16((sorted[k] as [number, number])[1]), toUtf16(s))));
      if (gap) {
        skippedIds.add(id);
        problems.push(`${id}: a discontinuous span (its fragments are separated by text); left out`);
        continue;
      }
      bounds.set(id, { id, label, start: toUtf16((sorted[0] as [number, number])[0]), end: toUtf16((sorted.at(-1) as [number, number])[1]), note: [], attrs: {} });
    } else if (id.startsWith('#')) {
      const [type, target] = body.split(' ');
      const bound = boundOf(target);
      if (!bound || quote === undefined || !type) {
        if (!target || !skippedIds.has(target)) warnings.push(`${where}: note for unknown annotation ${target ?? id}; ignored`);
        continue;
      }
      if (type === ATTRIBUTES_TYPE) {
        const parsed = attributesComment(bound.label, quote);
        if (parsed.ok) Object.assign(bound.attrs, parsed.attrs);
        else warnings.push(`${where}: attributes of ${target} not read (${parsed.message})`);
        continue;
      }
      const attr = type === NOTE_TYPE ? attributeNote(bound.label, quote) : null;
      if (attr) bound.attrs[attr.key] = attr.value;
      else if (quote !== '') bound.note.push(unescapeNote(quote));
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const [name = '', target = '', value] = body.trim().split(/ +/);
      const bound = boundOf(target);
      if (!bound) {
        if (!skippedIds.has(target)) warnings.push(`${where}: attribute for unknown annotation ${target}; ignored`);
        continue;
      }
      const mapped = mapAttribute(bound.label, name, value);
      if (mapped) bound.attrs[mapped.key] = mapped.value;
      else warnings.push(`${id}: attribute ${name}${value ? `=${value}` : ''} on ${target} has no ${bound.label} counterpart; ignored`);
    } else if (id.startsWith('R') && linkClaimant(body, bounds)) {
      continue;
    } else if (id.startsWith('E') && readEvent(id, body, bounds, triggerOf, (w) => warnings.push(`${where}: ${w}`))) {
      continue;
    } else {
      const kind = { R: 'relation', E: 'event', '*': 'equivalence', N: 'normalization' }[id[0] ?? ''] ?? 'unrecognised';
      ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
    }
  }
  if (fatal.length) {
    const more = fatal.length > 3 ? `; and ${fatal.length - 3} more` : '';
    return { ok: false, reason: `annotations do not fit the text: ${fatal.slice(0, 3).join('; ')}${more}` };
  }
  for (const [kind, n] of ignored) warnings.push(`${n} ${kind} line${n === 1 ? '' : 's'} ignored (no counterpart in Spanwise)`);

  const spans: SpanDraft[] = [];
  const kept = new Set<string>();
  for (const bound of bounds.values()) {
    const moved = canonical.remap(bound.start, bound.end);
    if (!moved.ok) {
      problems.push(`${bound.id} ${moved.reason}; left out`);
      continue;
    }
    const attrs = parseAttrs(bound.label, bound.attrs);
    let valid: AnyAttrs = {};
    if (attrs.ok) valid = attrs.attrs;
    else warnings.push(`${bound.id}: attributes ignored (${attrs.message})`);
    if (bound.spanId) kept.add(bound.spanId);
    spans.push({
      ...(bound.roles ? { roles: bound.roles } : {}),
      ...(bound.spanId ? { id: bound.spanId } : {}),
      label: bound.label,
      start: moved.start,
      end: moved.end,
      ...(bound.note.length ? { note: bound.note.join('\n') } : {}),
      ...(Object.keys(valid).length ? { attrs: valid } : {}),
    });
  }
  // A claim keeps its link, and an event a role, only when the span it names made it in (the
  // span left out is reported already).
  for (const span of spans) {
    if (span.roles) {
      span.roles = span.roles.filter((r) => kept.has(r.spanId));
      if (span.roles.length === 0) delete span.roles;
    }
    const target = span.attrs?.claimantId;
    if (typeof target === 'string' && !kept.has(target)) {
      const rest = { ...span.attrs };
      delete rest.claimantId;
      span.attrs = rest;
    }
  }
  const draft = { title: titleFrom(canonical.text, baseName), source: null, url: null, author: null, publishedAt: null, language: detectLanguage(canonical.text), text: canonical.text, spans };
  return { ok: true, drafts: [draft], warnings, problems };
}

/**
 * An attribute as brat writes it (`Status T2 disputed`, `ClaimStatus T2 disputed`, `Kind T5
 * armed_group`) as one of the label's attributes; brat values cannot hold spaces, so underscores,
 * hyphens and camel case stand for them.
 */
function mapAttribute(label: Label, name: string, value: string | undefined): { key: string; value: unknown } | null {
  if (value === undefined || value === '') return null;
  const keys = Object.keys(ATTR_SCHEMAS[label].shape);
  const wanted = camelKey(name).toLowerCase();
  const key = keys.find((k) => k.toLowerCase() === wanted || `${label}${k}`.toLowerCase() === wanted);
  if (!key) return null;
  if (key === 'value') {
    const n = Number(value);
    return Number.isFinite(n) ? { key, value: n } : null;
  }
  const spaced = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  const enumerated = ['status', 'kind', 'qualifier'].includes(key);
  return { key, value: enumerated ? spaced.replace(/^organization$/, 'organisation') : value.replace(/_/g, ' ') };
}

/** `event_date: 2024-11-26`, as the export writes a free-text attribute, when it names one of the label's. */
function attributeNote(label: Label, note: string): { key: string; value: unknown } | null {
  const m = /^([a-z]+)_([a-z_]+): (.+)$/s.exec(note);
  if (!m || m[1] !== label) return null;
  const key = camelKey(m[2] as string);
  if (!(key in ATTR_SCHEMAS[label].shape) || key === 'claimantId') return null;
  if (key !== 'value') return { key, value: m[3] };
  const n = Number(m[3]);
  return Number.isFinite(n) ? { key, value: n } : null;
}

/** The Attributes comment the export writes: one JSON object of snake_case (or model) keys. */
function attributesComment(label: Label, text: string): { ok: true; attrs: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not JSON' };
  }
  const checked = checkAttrs(label, value);
  if (!checked.ok) return checked;
  if (checked.ignored.length) return { ok: false, message: `${label} has no attribute ${checked.ignored.join(', ')}` };
  // A claimant_id here names a span of the exporting store; it survives only if a relation made it one of ours (below).
  return { ok: true, attrs: checked.attrs };
}

const ROLE_OF_ARGUMENT = new Map(Object.entries(BRAT_ROLE_ARGUMENTS).map(([role, arg]) => [arg.toLowerCase(), role]));

/**
 * `EVENT:T1 Actor:T2 Target:T3 Actor2:T7`: the roles of the event whose trigger is T1 (brat numbers
 * repeated arguments; the number is dropped). False when the line is not an event of ours (its
 * trigger is not an event span), so it is counted among the lines ignored; an argument with no
 * role of ours is named and ignored. Whether each role's span has the label its role takes is
 * checked as the import stores it.
 */
function readEvent(id: string, body: string, bounds: Map<string, TextBound>, triggerOf: Map<string, TextBound>, warn: (message: string) => void): boolean {
  const [head = '', ...args] = body.trim().split(/ +/);
  const trigger = bounds.get(head.slice(head.indexOf(':') + 1));
  if (!head.includes(':') || trigger?.label !== 'event') return false;
  triggerOf.set(id, trigger);
  for (const arg of args) {
    const colon = arg.indexOf(':');
    const role = ROLE_OF_ARGUMENT.get(arg.slice(0, colon).replace(/\d+$/, '').toLowerCase());
    const span = colon > 0 ? bounds.get(arg.slice(colon + 1)) : undefined;
    if (!role || !span) {
      warn(`event argument ${excerpt(arg)} is no role of ours or names no span here; ignored`);
      continue;
    }
    span.spanId ??= randomUUID();
    (trigger.roles ??= []).push({ role, spanId: span.spanId });
  }
  return true;
}

/** `Claimant Arg1:T3 Arg2:T1` from a claim to an actor: the claim's claimantId. False for any other relation. */
function linkClaimant(body: string, bounds: Map<string, TextBound>): boolean {
  const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(body.trim());
  if (!m || m[1]?.toLowerCase() !== CLAIMANT_RELATION.toLowerCase()) return false;
  const claim = bounds.get(m[2] as string);
  const actor = bounds.get(m[3] as string);
  if (claim?.label !== 'claim' || actor?.label !== 'actor') return false;
  actor.spanId ??= randomUUID();
  claim.attrs.claimantId = actor.spanId;
  return true;
}
