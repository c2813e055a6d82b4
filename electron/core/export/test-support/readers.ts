import { gunzipSync } from 'node:zlib';
import { pythonSplitlines } from './python-lines';

/*
 * Readers for the exported files written from each format's own rules, sharing no code with the
 * writers, so a test that passes says the files are right, not that the writer agrees with itself.
 */

/** Slices by code points the way Python, brat and the W3C model count. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(Math.max(0, start), Math.max(0, end)).join('');
}

export function cpLength(text: string): number {
  return Array.from(text).length;
}

/** Code point offset of a UTF-16 offset, counted from the start. */
export function cpOf(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

export function readJsonl(content: string): Record<string, unknown>[] {
  return content
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * A strict RFC 4180 reader: a record ends only at CRLF outside quotes, so a bare CR or LF outside
 * quotes is an error rather than a silent new row (what lenient readers, pandas and spreadsheet
 * tools would each make of it differently). A quote may only open a field or close it; inside a
 * quoted field `""` is one quote. Every record must have the header's number of fields.
 */
export function readCsvRecords(content: Buffer | string): string[][] {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('CSV: no UTF-8 byte order mark');
  const records: string[][] = [];
  let record: string[] = [];
  let i = 1;
  const fail = (what: string): never => {
    throw new Error(`CSV: ${what} at offset ${i} (record ${records.length + 1}, field ${record.length + 1})`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote inside an unquoted field');
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++;
      if (i >= text.length) record.push('');
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    fail(text[i] === '\r' || text[i] === '\n' ? 'bare CR or LF outside quotes' : `unexpected ${JSON.stringify(text[i])} after a quoted field`);
  }
  if (record.length > 0) records.push(record);
  const width = records[0]?.length ?? 0;
  records.forEach((r, n) => {
    if (r.length !== width) throw new Error(`CSV: record ${n + 1} has ${r.length} fields, the header ${width}`);
  });
  return records;
}

export function readCsv(content: Buffer | string): Record<string, string>[] {
  const [header = [], ...rows] = readCsvRecords(content);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] as string])));
}

export interface BratEntity {
  id: string;
  type: string;
  fragments: [number, number][];
  text: string;
}

export interface BratAnn {
  entities: BratEntity[];
  attributes: { id: string; name: string; target: string; value: string | null }[];
  notes: { id: string; type: string; target: string; text: string }[];
  relations: { id: string; type: string; args: Record<string, string> }[];
  /** `E id \t TYPE:T role:T role2:T`: an event, its trigger and its arguments in order (brat numbers repeated roles). */
  events: { id: string; type: string; trigger: string; args: [string, string][] }[];
  /** `N id \t Reference T db:key \t text`: a span normalized to an entry of a database. */
  normalizations: { id: string; target: string; db: string; key: string; text: string }[];
}

/**
 * brat standoff: `T id \t TYPE s e;s e \t text`, `A id \t Name T [value]`, `# id \t AnnotatorNotes T \t note`, `R id \t Type Arg1:T Arg2:T`.
 * Lines are cut as brat's Python cuts them (str.splitlines), so a note holding U+2028 or NEL that
 * was not escaped shows up here as a broken line, as it would in brat.
 */
export function readAnn(content: string): BratAnn {
  const ann: BratAnn = { entities: [], attributes: [], notes: [], relations: [], events: [], normalizations: [] };
  for (const line of pythonSplitlines(content)) {
    if (line === '') continue;
    const firstTab = line.indexOf('\t');
    const id = line.slice(0, firstTab);
    const rest = line.slice(firstTab + 1);
    if (id.startsWith('T')) {
      const secondTab = rest.indexOf('\t');
      const head = rest.slice(0, secondTab);
      const space = head.indexOf(' ');
      const fragments = head
        .slice(space + 1)
        .split(';')
        .map((f) => f.split(' ').map(Number) as [number, number]);
      ann.entities.push({ id, type: head.slice(0, space), fragments, text: rest.slice(secondTab + 1) });
    } else if (id.startsWith('A')) {
      const [name, target, value] = rest.split(' ');
      ann.attributes.push({ id, name: name as string, target: target as string, value: value ?? null });
    } else if (id.startsWith('#')) {
      const secondTab = rest.indexOf('\t');
      const [type, target] = rest.slice(0, secondTab).split(' ');
      ann.notes.push({ id, type: type as string, target: target as string, text: rest.slice(secondTab + 1) });
    } else if (id.startsWith('R')) {
      const [type, ...args] = rest.split(' ');
      ann.relations.push({ id, type: type as string, args: Object.fromEntries(args.map((a) => a.split(':') as [string, string])) });
    } else if (id.startsWith('E')) {
      const [head = '', ...args] = rest.split(' ');
      const [type = '', trigger = ''] = head.split(':');
      ann.events.push({ id, type, trigger, args: args.map((a) => a.split(':') as [string, string]) });
    } else if (id.startsWith('N')) {
      const secondTab = rest.indexOf('\t');
      const [type, target, ref] = rest.slice(0, secondTab).split(' ');
      if (type !== 'Reference' || !ref?.includes(':')) throw new Error(`unexpected brat normalization: ${line}`);
      const colon = ref.indexOf(':');
      ann.normalizations.push({ id, target: target as string, db: ref.slice(0, colon), key: ref.slice(colon + 1), text: rest.slice(secondTab + 1) });
    } else {
      throw new Error(`unexpected brat line: ${line}`);
    }
  }
  return ann;
}

/** annotation.conf sections as lists of lines, comments and blanks dropped. */
export function readConf(content: string): Record<string, string[]> {
  const sections: Record<string, string[]> = {};
  let current = '';
  for (const line of content.split('\n')) {
    const m = /^\[(\w+)\]$/.exec(line.trim());
    if (m) {
      current = m[1] as string;
      sections[current] = [];
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      sections[current]?.push(line);
    }
  }
  return sections;
}

export function readBundleLines(file: Buffer): Record<string, unknown>[] {
  return readJsonl(gunzipSync(file).toString('utf8'));
}

/**
 * A note as annotation.conf's header says it is written: `\n` a line break, `\r` a carriage
 * return, `\uXXXX` another line break, `\\` a backslash; any other backslash stands for itself.
 */
export function readBratNote(escaped: string): string {
  let out = '';
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i];
    const next = escaped[i + 1];
    if (c !== '\\' || next === undefined) {
      out += c;
    } else if (next === 'n' || next === 'r' || next === '\\') {
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : '\\';
      i++;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(escaped.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(escaped.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      out += c;
    }
  }
  return out;
}
