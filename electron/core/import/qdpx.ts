import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { LABELS, type Label, type SpanDraft } from '../../../shared/model';
import { codePointLength, makeUtf16Converter } from '../../../shared/text';
import { MAX_ELEMENTS } from './markup-scan';
import { cleanField, META_LIMITS, normalizeDate, normalizeLanguage, safeUrl } from './meta';
import { excerpt } from './problems';
import { checkAttrs, LABEL_NAMES } from './records';
import { canonicalWithMap } from './remap';
import { MAX_FILE_BYTES, type ImportDraft, type ParseOutcome } from './types';

/**
 * A REFI-QDA project (`.qdpx`: a zip with `project.qde`, QDA-XML 1.0, and its sources), as
 * Spanwise, QualCoder, ATLAS.ti or MAXQDA export it. Each plain-text source becomes an article
 * and each PlainTextSelection coded with one of the labels' codes (EVENT, CLAIM, ACTOR, FIGURE,
 * or a code under one of them) a span, its positions read as Unicode code points (the
 * standard's 10.2), end exclusive. Selections coded with other codes are named and left out:
 * Spanwise has no label for them. Other source types (PDF, pictures, audio) are named and left out.
 */

/** Most entries a project may hold, and most bytes all of them may unpack to: a zip bomb stops here. */
const MAX_ENTRIES = 100_000;
const MAX_UNPACKED = 2 * MAX_FILE_BYTES;

interface Code {
  label: Label | null;
  /** Names from the root code down to this one. */
  path: string[];
}

type XmlNode = Record<string, unknown>;

const asArray = (v: unknown): XmlNode[] => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as XmlNode[]) : [v as XmlNode]);
const attr = (n: XmlNode, name: string): string | undefined => {
  const v = n[`@_${name}`];
  return v === undefined || v === null ? undefined : String(v);
};
const textOf = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return String((v as XmlNode)['#text']);
  return '';
};

export function parseQdpx(bytes: Uint8Array, fallbackTitle: string): ParseOutcome {
  let entries: Record<string, Uint8Array>;
  let count = 0;
  let unpacked = 0;
  let tooBig: string | null = null;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        count++;
        unpacked += f.originalSize;
        if (count > MAX_ENTRIES) tooBig ??= `more than ${MAX_ENTRIES} files in the project`;
        if (unpacked > MAX_UNPACKED) tooBig ??= `the project unpacks to more than ${MAX_UNPACKED / 1024 / 1024} MB`;
        // Only the project and plain-text sources are read; pictures and recordings stay packed.
        return tooBig === null && (f.name === 'project.qde' || /\.txt$/i.test(f.name));
      },
    });
  } catch (err) {
    return { ok: false, reason: `not a REFI-QDA project: not a readable zip file (${(err as Error).message})` };
  }
  if (tooBig) return { ok: false, reason: `refused: ${tooBig}` };
  const qde = entries['project.qde'];
  if (!qde) return { ok: false, reason: 'not a REFI-QDA project: no project.qde in the zip' };
  let doc: XmlNode;
  try {
    doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: true, htmlEntities: true, trimValues: false, parseTagValue: false, parseAttributeValue: false }).parse(
      Buffer.from(qde).toString('utf8'),
      true,
    ) as XmlNode;
  } catch (err) {
    return { ok: false, reason: `project.qde is not well-formed XML: ${(err as Error).message.split('\n')[0]}` };
  }
  const project = doc.Project as XmlNode | undefined;
  if (!project || typeof project !== 'object') return { ok: false, reason: 'project.qde has no Project element (QDA-XML 1.0)' };

  const codes = new Map<string, Code>();
  const walk = (node: XmlNode, parent: Code | null) => {
    const name = attr(node, 'name') ?? '';
    const label = parent?.label ?? labelOf(name);
    const code: Code = { label, path: parent ? [...parent.path, name] : [name] };
    const guid = attr(node, 'guid');
    if (guid) codes.set(guid.toLowerCase(), code);
    for (const child of asArray(node.Code)) walk(child, code);
  };
  for (const root of asArray((project.CodeBook as XmlNode | undefined)?.Codes && ((project.CodeBook as XmlNode).Codes as XmlNode).Code)) walk(root, null);
  const notes = new Map<string, string>();
  for (const n of asArray((project.Notes as XmlNode | undefined)?.Note)) {
    const guid = attr(n, 'guid');
    if (guid) notes.set(guid.toLowerCase(), textOf(n.PlainTextContent));
  }

  const drafts: ImportDraft[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const foreign = new Map<string, number>();
  const sources = (project.Sources as XmlNode | undefined) ?? {};
  for (const [kind, list] of Object.entries(sources)) {
    if (kind.startsWith('@_') || kind === '#text' || kind === 'TextSource') continue;
    const n = asArray(list).length;
    warnings.push(`${n} ${kind} source(s) left out: Spanwise reads plain-text sources only`);
  }
  let elements = 0;
  for (const source of asArray(sources.TextSource)) {
    const name = attr(source, 'name') ?? fallbackTitle;
    const where = `source ${excerpt(name)}`;
    const raw = sourceText(source, entries);
    if (typeof raw !== 'string') {
      problems.push(`${where}: ${raw.reason}; left out`);
      continue;
    }
    const canonical = canonicalWithMap(raw);
    if (canonical.text === '') {
      problems.push(`${where}: no text; left out`);
      continue;
    }
    const meta = readLines(textOf(source.Description));
    const toUtf16 = makeUtf16Converter(raw);
    const length = codePointLength(raw);
    const spans: SpanDraft[] = [];
    for (const sel of asArray(source.PlainTextSelection)) {
      if (++elements > MAX_ELEMENTS) return { ok: false, reason: `refused: more than ${MAX_ELEMENTS} selections` };
      const selName = `${where}, selection ${attr(sel, 'guid') ?? '?'}`;
      const start = Number(attr(sel, 'startPosition'));
      const end = Number(attr(sel, 'endPosition'));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
        problems.push(`${selName}: positions ${attr(sel, 'startPosition')}–${attr(sel, 'endPosition')} are not inside the text of ${length} characters; left out`);
        continue;
      }
      const coded = asArray(sel.Coding)
        .map((c) => attr((c.CodeRef as XmlNode | undefined) ?? {}, 'targetGUID')?.toLowerCase())
        .map((g) => (g ? codes.get(g) : undefined))
        .filter((c): c is Code => c !== undefined);
      const code = coded.find((c) => c.label !== null);
      if (!code || code.label === null) {
        for (const c of coded) foreign.set(c.path[0] ?? '(unnamed)', (foreign.get(c.path[0] ?? '(unnamed)') ?? 0) + 1);
        if (coded.length === 0) problems.push(`${selName}: no code this project defines; left out`);
        continue;
      }
      const moved = canonical.remap(toUtf16(start), toUtf16(end));
      if (!moved.ok) {
        problems.push(`${selName}: ${moved.reason}; left out`);
        continue;
      }
      const described = readLines(textOf(sel.Description));
      const fields: Record<string, unknown> = {};
      const [, type, subType] = code.path;
      if (code.label === 'event' && type) fields.type = type;
      if (code.label === 'event' && subType) fields.sub_type = subType;
      for (const [k, v] of described.pairs) if (k !== 'spanwise_id') fields[k] = code.label === 'figure' && k === 'value' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
      const checked = checkAttrs(code.label, fields);
      const noteParts = [...asArray(sel.NoteRef).map((r) => notes.get(attr(r, 'targetGUID')?.toLowerCase() ?? '') ?? ''), described.rest].filter((t) => t.trim() !== '');
      spans.push({
        ...(described.id ? { id: described.id } : {}),
        label: code.label,
        start: moved.start,
        end: moved.end,
        note: noteParts.join('\n\n'),
        attrs: checked.ok ? checked.attrs : {},
      });
      if (!checked.ok) warnings.push(`${selName}: attributes not kept (${checked.message})`);
    }
    drafts.push({
      ...(meta.id ? { id: meta.id } : {}),
      origin: where,
      title: cleanField(name, META_LIMITS.title) ?? fallbackTitle,
      source: cleanField(meta.get('source'), META_LIMITS.source),
      url: safeUrl(meta.get('url')),
      author: cleanField(meta.get('author'), META_LIMITS.author),
      publishedAt: normalizeDate(meta.get('published_at')),
      language: normalizeLanguage(meta.get('language')),
      text: canonical.text,
      spans,
    });
  }
  for (const [root, n] of foreign) warnings.push(`${n} selection(s) coded ${excerpt(root)} left out: only codes under ${LABEL_NAMES} become spans`);
  if (drafts.length === 0) return { ok: false, reason: problems[0] ?? 'the project has no plain-text source' };
  return { ok: true, drafts, warnings, problems };
}

function labelOf(name: string): Label | null {
  const lower = name.trim().toLowerCase();
  return (LABELS as readonly string[]).includes(lower) ? (lower as Label) : null;
}

/** The source's text: inline, or the file its plainTextPath names inside the project. */
function sourceText(source: XmlNode, entries: Record<string, Uint8Array>): string | { reason: string } {
  if (source.PlainTextContent !== undefined) return textOf(source.PlainTextContent);
  const path = attr(source, 'plainTextPath');
  if (!path) return { reason: 'neither PlainTextContent nor plainTextPath' };
  const m = /^internal:\/\/(.+)$/.exec(path);
  if (!m) return { reason: `its text is outside the project (${excerpt(path)})` };
  const file = entries[`Sources/${m[1] as string}`] ?? entries[m[1] as string];
  if (!file) return { reason: `Sources/${m[1] as string} is not in the project` };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
  } catch {
    return { reason: `Sources/${m[1] as string} is not UTF-8, as the standard requires` };
  }
}

/** `key: value` lines (what Spanwise writes into Descriptions); other text is returned as it is. */
function readLines(text: string): { pairs: [string, string][]; rest: string; id: string | undefined; get(key: string): string | undefined } {
  const pairs: [string, string][] = [];
  const rest: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-z][a-z0-9_]*): (.*)$/.exec(line);
    if (m) pairs.push([m[1] as string, m[2] as string]);
    else if (line.trim() !== '') rest.push(line);
  }
  // Only a Description made wholly of such lines is read as fields; any other is the analyst's memo.
  if (rest.length > 0) return { pairs: [], rest: text.trim(), id: undefined, get: () => undefined };
  const map = new Map(pairs);
  return { pairs, rest: '', id: map.get('spanwise_id'), get: (k) => map.get(k) };
}
