import { createHash } from 'node:crypto';
import { ACTOR_KINDS, ATTR_SCHEMAS, CLAIM_STATUSES, FIGURE_QUALIFIERS, LABELS, type Label } from '../../../shared/model';
import { LABEL_COLOURS } from '../../../shared/palette';
import type { ExportItem } from '../store/export';
import { ATTRIBUTES_TYPE, BRAT_ROLE_ARGUMENTS, CLAIMANT_RELATION, escapeNote, EVENT_TYPE, NOTE_TYPE } from './brat-format';
import { eventLinks, type EventLinks } from './event-links';
import { ROLE_TARGET_LABEL } from '../../../shared/ipc/events';
import { codePointText, exportLabel, exportSpans, snakeKey, type CodePointText, type ExportSpan } from './spans';
import { isLineBreak, jsonLine } from './line-breaks';
import type { FolderWriter, OutFile } from './types';
import { bratNormalization, isLinkAttribute, NO_ENTITIES, toolsConf, type EntityRefs } from './entity-export';

/** The attributes brat can hold natively (`A` lines): the enumerated ones. */
export const BRAT_ATTRIBUTES = [
  { label: 'claim', key: 'status', name: 'Status', values: CLAIM_STATUSES },
  { label: 'actor', key: 'kind', name: 'Kind', values: ACTOR_KINDS },
  { label: 'figure', key: 'qualifier', name: 'Qualifier', values: FIGURE_QUALIFIERS },
] as const;

/** Per label: its `A`-line attributes, and the rest (free text, numbers), which go in the Attributes comment. */
const ATTRIBUTES_BY_LABEL = Object.fromEntries(
  LABELS.map((label) => {
    const native = BRAT_ATTRIBUTES.filter((a) => a.label === label);
    const other = Object.keys(ATTR_SCHEMAS[label].shape).filter((key) => !native.some((a) => a.key === key) && !isLinkAttribute(key));
    return [label, { native, other: other.map((key) => ({ key, name: snakeKey(key) })) }];
  }),
) as Record<Label, { native: (typeof BRAT_ATTRIBUTES)[number][]; other: { key: string; name: string }[] }>;

/** brat splits `A` lines on spaces, so "armed group" is written armed_group. */
export function bratValue(value: string): string {
  return value.replace(/\s+/g, '_');
}

/**
 * `<id>` for the article's files when the id is a safe file name on every platform; otherwise a
 * name derived from it, stable across exports.
 */
export function bratBaseName(articleId: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(articleId)) return articleId;
  return `article-${createHash('sha256').update(articleId, 'utf8').digest('hex').slice(0, 32)}`;
}

export function annotationConf(): string {
  // An event is a brat event (a trigger span and an E line with its roles), the other labels entities.
  const entities = LABELS.filter((l) => l !== 'event').map(exportLabel).join('\n');
  const roles = Object.entries(BRAT_ROLE_ARGUMENTS)
    .map(([role, arg]) => `${arg}*:${exportLabel(ROLE_TARGET_LABEL[role as keyof typeof BRAT_ROLE_ARGUMENTS])}`)
    .join(', ');
  const attributes = BRAT_ATTRIBUTES.map((a) => `${a.name}\tArg:${exportLabel(a.label)}, Value:${a.values.map(bratValue).join('|')}`).join('\n');
  // Spans overlap and nest freely in Spanwise; brat refuses that unless <OVERLAP> allows it.
  return [
    `# Written by Spanwise. In ${NOTE_TYPE}, \\n, \\r and \\\\ stand for a line break, a carriage return and a`,
    `# backslash, and \\uXXXX for any other line break (U+2028, U+0085, ...); ${ATTRIBUTES_TYPE} comments hold`,
    `# the free-text and number attributes as JSON on one line.`,
    '[entities]',
    entities,
    '',
    '[relations]',
    `${CLAIMANT_RELATION}\tArg1:CLAIM, Arg2:ACTOR`,
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    `${EVENT_TYPE}\t${roles}`,
    '',
    '[attributes]',
    attributes,
    '',
  ].join('\n');
}

export function visualConf(): string {
  const labels = LABELS.map((l) => `${exportLabel(l)} | ${l[0]?.toUpperCase()}${l.slice(1)}`);
  const drawing = LABELS.map((l) => `${exportLabel(l)}\tbgColor:${LABEL_COLOURS[l]}`);
  return ['[labels]', ...labels, `${CLAIMANT_RELATION} | ${CLAIMANT_RELATION}`, '', '[drawing]', ...drawing, `${CLAIMANT_RELATION}\tcolor:${LABEL_COLOURS.claim}`, ''].join('\n');
}

/**
 * brat standoff. Offsets are code points (what brat's Python counts). Per span: a `T` line, `A`
 * lines for the enumerated attributes, at most one AnnotatorNotes (the note, escaped onto one
 * line), one Attributes comment for the rest, and a Claimant relation instead of claimant_id
 * when the claim's actor span is in the same file. An event's `T` line is the trigger of an `E`
 * line whose arguments are its roles (Actor, Target, With, Figure, Source; a second actor is
 * Actor2, as brat numbers repeated arguments).
 */
export function bratWriter(refs: EntityRefs = NO_ENTITIES): FolderWriter {
  // Folded to lower case because two ids differing only in case are one file on Windows and macOS.
  const used = new Set(['annotation', 'visual', 'tools']);
  const uniqueName = (id: string) => {
    const base = bratBaseName(id);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return name;
  };
  return {
    kind: 'folder',
    includeOrphaned: false,
    includeConflictCopies: false,
    includeHistory: false,
    begin: () => [
      { name: 'annotation.conf', content: annotationConf() },
      { name: 'visual.conf', content: visualConf() },
      { name: 'tools.conf', content: toolsConf() },
    ],
    item: (item) => {
      const base = uniqueName(item.article.id);
      const { ann, spans } = annFile(item, refs);
      const files: OutFile[] = [
        { name: `${base}.txt`, content: item.article.text },
        { name: `${base}.ann`, content: ann },
      ];
      return { files, spans };
    },
  };
}

function annFile(item: ExportItem, refs: EntityRefs): { ann: string; spans: number } {
  const { article, annotations } = item;
  const links = eventLinks(item);
  const cp = codePointText(article.text);
  const spans = exportSpans(cp, annotations)
    .map((span) => ({ span, fragments: fragments(cp, span) }))
    .filter((s) => s.fragments.length > 0);
  const tOf = new Map(spans.map(({ span }, i) => [span.annotation.id, `T${i + 1}`]));
  let ann = '';
  let attrN = 0;
  let noteN = 0;
  let relN = 0;
  let normN = 0;
  let eventN = 0;
  for (const { span, fragments: frags } of spans) {
    const t = tOf.get(span.annotation.id) as string;
    const a = span.annotation;
    let offsets = '';
    let text = '';
    for (const [k, [s, e]] of frags.entries()) {
      offsets += `${k === 0 ? '' : ';'}${s} ${e}`;
      text += `${k === 0 ? '' : ' '}${cp.slice(s, e)}`;
    }
    ann += `${t}\t${exportLabel(a.label)} ${offsets}\t${text}\n`;
    // brat lets nothing but its event refer to a trigger: an event's notes, attributes and
    // normalization name the E line.
    let ref = t;
    if (a.label === 'event') {
      ref = `E${++eventN}`;
      ann += `${ref}\t${EVENT_TYPE}:${t}${eventArguments(links, a.id, tOf)}\n`;
    }
    const { native, other } = ATTRIBUTES_BY_LABEL[a.label];
    for (const attr of native) {
      const value = a.attrs[attr.key];
      if (typeof value === 'string' && value !== '') ann += `A${++attrN}\t${attr.name} ${ref} ${bratValue(value)}\n`;
    }
    const normalization = bratNormalization(refs, a, ref, normN + 1);
    if (normalization) {
      normN++;
      ann += normalization;
    }
    if (a.note !== '') ann += `#${++noteN}\t${NOTE_TYPE} ${ref}\t${escapeNote(a.note)}\n`;
    let free: Record<string, string | number | boolean> | null = null;
    for (const { key, name } of other) {
      const value = a.attrs[key];
      if (value === undefined || value === null || value === '') continue;
      const actorT = key === 'claimantId' ? tOf.get(String(value)) : undefined;
      if (actorT) ann += `R${++relN}\t${CLAIMANT_RELATION} Arg1:${t} Arg2:${actorT}\n`;
      else (free ??= {})[name] = value;
    }
    if (free) ann += `#${++noteN}\t${ATTRIBUTES_TYPE} ${ref}\t${jsonLine(free)}\n`;
  }
  return { ann, spans: spans.length };
}

/** ` Actor:T2 Target:T3 Actor2:T7`: the roles whose spans the file holds, repeated roles numbered from 2. */
function eventArguments(links: EventLinks, eventId: string, tOf: ReadonlyMap<string, string>): string {
  const seen = new Map<string, number>();
  let out = '';
  for (const r of links.roles.get(eventId) ?? []) {
    const t = tOf.get(r.span_id);
    if (r.role === 'claimant' || t === undefined) continue;
    const n = (seen.get(r.role) ?? 0) + 1;
    seen.set(r.role, n);
    out += ` ${BRAT_ROLE_ARGUMENTS[r.role]}${n === 1 ? '' : n}:${t}`;
  }
  return out;
}

/** The span cut at every line break (any character brat's reader would end a line at) into code point ranges, dropping the empty pieces between. */
function fragments(cp: CodePointText, span: ExportSpan): [number, number][] {
  const out: [number, number][] = [];
  const startU = cp.toUtf16(span.start);
  const endU = cp.toUtf16(span.end);
  let pieceStart = startU;
  for (let i = startU; i <= endU; i++) {
    if (i === endU || isLineBreak(cp.text.charAt(i))) {
      if (i > pieceStart) out.push([cp.toCodePoint(pieceStart), cp.toCodePoint(i)]);
      pieceStart = i + 1;
    }
  }
  return out;
}
