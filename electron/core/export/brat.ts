import { createHash } from 'node:crypto';
import { ACTOR_KINDS, CLAIM_STATUSES, FIGURE_QUALIFIERS, LABELS, type Label } from '../../../shared/model';
import type { ExportItem } from '../store/export';
import { ATTRIBUTE_COLUMNS, codePointText, exportLabel, exportSpans, type CodePointText, type ExportSpan } from './spans';
import type { FolderWriter, OutFile } from './types';

/** Highlight colours per label, shared by brat's visual.conf and (later) the app's own marks. */
export const LABEL_COLOURS: Record<Label, string> = {
  event: '#f59e0b',
  claim: '#3b82f6',
  actor: '#10b981',
  figure: '#ec4899',
};

/** The attributes brat can hold natively (`A` lines): the enumerated ones. */
export const BRAT_ATTRIBUTES = [
  { label: 'claim', key: 'status', name: 'Status', values: CLAIM_STATUSES },
  { label: 'actor', key: 'kind', name: 'Kind', values: ACTOR_KINDS },
  { label: 'figure', key: 'qualifier', name: 'Qualifier', values: FIGURE_QUALIFIERS },
] as const;

/** The relation a claim's linked claimant (claimantId) becomes when its actor is exported too. */
export const CLAIMANT_RELATION = 'Claimant';

/** brat splits `A` lines on spaces, so "armed group" is written armed_group. */
export function bratValue(value: string): string {
  return value.replace(/\s+/g, '_');
}

/** A note or attribute value on one `#` line: tabs and newlines would break the line format. */
function oneLine(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ');
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
  const entities = LABELS.map(exportLabel).join('\n');
  const attributes = BRAT_ATTRIBUTES.map((a) => `${a.name}\tArg:${exportLabel(a.label)}, Value:${a.values.map(bratValue).join('|')}`).join('\n');
  // Spans overlap and nest freely in Spanwise; brat refuses that unless <OVERLAP> allows it.
  return [
    '[entities]',
    entities,
    '',
    '[relations]',
    `${CLAIMANT_RELATION}\tArg1:CLAIM, Arg2:ACTOR`,
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    attributes,
    '',
  ].join('\n');
}

export function visualConf(): string {
  const labels = LABELS.map((l) => `${exportLabel(l)} | ${l[0]?.toUpperCase()}${l.slice(1)}`);
  const drawing = LABELS.map((l) => `${exportLabel(l)}\tbgColor:${LABEL_COLOURS[l]}`);
  return ['[labels]', ...labels, `${CLAIMANT_RELATION} | ${CLAIMANT_RELATION}`, '', '[drawing]', ...drawing, `${CLAIMANT_RELATION}\tcolor:#3b82f6`, ''].join('\n');
}

/**
 * brat standoff. Offsets are code points (what brat's Python counts). brat has no free-text
 * attributes, so those become AnnotatorNotes lines after the span's note, one per attribute,
 * written `<csv column>: <value>` (event_date: 2024-11-26); a claimant linked to an actor span
 * in the same file becomes a Claimant relation instead.
 */
export function bratWriter(): FolderWriter {
  // Folded to lower case because two ids differing only in case are one file on Windows and macOS.
  const used = new Set(['annotation', 'visual']);
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
    begin: () => [
      { name: 'annotation.conf', content: annotationConf() },
      { name: 'visual.conf', content: visualConf() },
    ],
    item: (item) => {
      const base = uniqueName(item.article.id);
      const { ann, spans } = annFile(item);
      const files: OutFile[] = [
        { name: `${base}.txt`, content: item.article.text },
        { name: `${base}.ann`, content: ann },
      ];
      return { files, spans };
    },
  };
}

function annFile({ article, annotations }: ExportItem): { ann: string; spans: number } {
  const cp = codePointText(article.text);
  const spans = exportSpans(cp, annotations)
    .map((span) => ({ span, fragments: fragments(cp, span) }))
    .filter((s) => s.fragments.length > 0);
  const tOf = new Map(spans.map(({ span }, i) => [span.annotation.id, `T${i + 1}`]));
  const lines: string[] = [];
  let attrN = 0;
  let noteN = 0;
  let relN = 0;
  for (const { span, fragments: frags } of spans) {
    const t = tOf.get(span.annotation.id) as string;
    const a = span.annotation;
    const offsets = frags.map(([s, e]) => `${s} ${e}`).join(';');
    lines.push(`${t}\t${exportLabel(a.label)} ${offsets}\t${frags.map(([s, e]) => cp.slice(s, e)).join(' ')}`);
    for (const attr of BRAT_ATTRIBUTES) {
      const value = a.attrs[attr.key];
      if (attr.label === a.label && typeof value === 'string' && value !== '') lines.push(`A${++attrN}\t${attr.name} ${t} ${bratValue(value)}`);
    }
    const notes: string[] = a.note.trim() === '' ? [] : [a.note];
    for (const { label, key, column } of ATTRIBUTE_COLUMNS) {
      const value = a.attrs[key];
      if (label !== a.label || value === undefined || value === null || value === '') continue;
      if (BRAT_ATTRIBUTES.some((b) => b.label === label && b.key === key)) continue;
      const actorT = key === 'claimantId' ? tOf.get(String(value)) : undefined;
      if (actorT) lines.push(`R${++relN}\t${CLAIMANT_RELATION} Arg1:${t} Arg2:${actorT}`);
      else notes.push(`${column}: ${value}`);
    }
    for (const note of notes) lines.push(`#${++noteN}\tAnnotatorNotes ${t}\t${oneLine(note)}`);
  }
  return { ann: lines.length ? `${lines.join('\n')}\n` : '', spans: spans.length };
}

/** The span cut at every newline into code point ranges, dropping the empty pieces between. */
function fragments(cp: CodePointText, span: ExportSpan): [number, number][] {
  const out: [number, number][] = [];
  const startU = cp.toUtf16(span.start);
  const endU = cp.toUtf16(span.end);
  let pieceStart = startU;
  for (let i = startU; i <= endU; i++) {
    if (i === endU || cp.text.charCodeAt(i) === 10) {
      if (i > pieceStart) out.push([cp.toCodePoint(pieceStart), cp.toCodePoint(i)]);
      pieceStart = i + 1;
    }
  }
  return out;
}
