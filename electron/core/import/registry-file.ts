import { parse } from 'csv-parse/sync';

/**
 * A registry file (`spanwise entities import`): CSV with the header
 * `name,kind,actor_kind,aliases,external_ids,note` (lists separated by `|`, a `|` inside a name
 * written `\|`), or JSONL with the same keys (lists as arrays or as `|` strings). Optional `id`
 * (match or keep an entity's id) and `merged_into` (the canonical name of an entity of the same
 * kind this one is merged into). Only parses and shapes; services/registry-import.ts checks and writes.
 */
export const REGISTRY_COLUMNS = ['name', 'kind', 'actor_kind', 'aliases', 'external_ids', 'note'] as const;
export const OPTIONAL_COLUMNS = ['id', 'merged_into'] as const;

export interface RegistryRecord {
  /** 1-based line of the file the record starts on (the header is line 1 in CSV). */
  line: number;
  id: string | null;
  name: string;
  kind: string;
  actorKind: string | null;
  aliases: string[];
  externalIds: string[];
  note: string;
  mergedInto: string | null;
}

export class RegistryFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'RegistryFileError';
  }
}

/** A registry file may be at most this large: the parse holds it in memory. */
export const MAX_REGISTRY_BYTES = 100 * 1024 * 1024;
/** A field longer than this is refused by the parser itself, before it is held whole. */
const MAX_FIELD = 1_000_000;

/** `a|b\|c` → ['a', 'b|c']; empty items dropped. */
export function splitList(cell: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i] as string;
    if (c === '\\' && (cell[i + 1] === '|' || cell[i + 1] === '\\')) {
      current += cell[i + 1];
      i += 1;
    } else if (c === '|') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

export function joinList(items: readonly string[]): string {
  return items.map((s) => s.replaceAll('\\', '\\\\').replaceAll('|', '\\|')).join('|');
}

export function parseRegistryFile(name: string, content: string): RegistryRecord[] {
  if (content.length > MAX_REGISTRY_BYTES) throw new RegistryFileError(1, `the file is larger than ${MAX_REGISTRY_BYTES / 1024 / 1024} MB`);
  const text = content.replace(/^\uFEFF/, '');
  return /\.jsonl$/i.test(name) ? parseJsonl(text) : parseCsv(text);
}

function parseCsv(text: string): RegistryRecord[] {
  let rows: { record: Record<string, string>; line: number }[];
  let header: string[] = [];
  try {
    const parsed = parse(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      max_record_size: MAX_FIELD,
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
    rows = parsed.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new RegistryFileError(e.lines ?? 1, `not readable as CSV: ${e.message}`);
  }
  const missing = REGISTRY_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new RegistryFileError(1, `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it needs ${REGISTRY_COLUMNS.join(',')})`);
  const unknown = header.filter((c) => !(REGISTRY_COLUMNS as readonly string[]).includes(c) && !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new RegistryFileError(1, `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  return rows.map(({ record, line }) => shape(line, record));
}

function parseJsonl(text: string): RegistryRecord[] {
  const out: RegistryRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new RegistryFileError(line, `not JSON: ${(err as Error).message}`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RegistryFileError(line, 'expected an object with name and kind');
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((k) => !(REGISTRY_COLUMNS as readonly string[]).includes(k) && !(OPTIONAL_COLUMNS as readonly string[]).includes(k));
    if (unknown.length > 0) throw new RegistryFileError(line, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
    const cells: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(record)) {
      if (v === null || v === undefined) continue;
      if (Array.isArray(v)) {
        if (!v.every((x) => typeof x === 'string')) throw new RegistryFileError(line, `${k}: a list of strings is expected`);
        cells[k] = v as string[];
      } else if (typeof v === 'string') cells[k] = v;
      else throw new RegistryFileError(line, `${k}: a string is expected, got ${typeof v}`);
    }
    out.push(shape(line, cells));
  });
  return out;
}

function shape(line: number, cells: Record<string, string | string[] | undefined>): RegistryRecord {
  const str = (k: string): string => {
    const v = cells[k];
    if (Array.isArray(v)) throw new RegistryFileError(line, `${k}: a string is expected, not a list`);
    return (v ?? '').trim();
  };
  const list = (k: string): string[] => {
    const v = cells[k];
    return Array.isArray(v) ? v.map((s) => s.trim()).filter((s) => s !== '') : splitList(v ?? '');
  };
  return {
    line,
    id: str('id') || null,
    name: str('name'),
    kind: str('kind').toLowerCase(),
    actorKind: str('actor_kind').toLowerCase() || null,
    aliases: list('aliases'),
    externalIds: list('external_ids'),
    note: str('note'),
    mergedInto: str('merged_into') || null,
  };
}
