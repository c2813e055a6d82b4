import { closeSync, fsyncSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3-multiple-ciphers';

/**
 * The export baseline: the least code that reads the same store and writes the same information in
 * each format, with no framework around it. Articles stream in rowid order from one connection,
 * each article's annotations come from a second connection by the (article_id, start) index, text
 * is serialised with JSON.stringify or string concatenation, and output goes out in 1 MB writeSync
 * calls (gzip'd chunk by chunk for the bundle), synced to disk at the end as the app does. Offsets are converted to code points, as every
 * export must.
 */
interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  text: string;
  original_text: string | null;
  text_hash: string;
  imported_at: string;
  updated_at: string;
}

interface AnnotationRow {
  id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  attrs: string;
  author: string;
  status: string;
  conflict_of: string | null;
  created_at: string;
  updated_at: string;
}

const CSV_HEAD = 'article_id,article_title,span_id,label,start,end,text,note,event_date,event_location,event_category,event_type,event_sub_type,claim_claimant,claim_claimant_id,claim_status,actor_canonical_name,actor_kind,figure_value,figure_unit,figure_qualifier,figure_counts,figure_min,figure_max,figure_estimate,figure_auto';
const CSV_ATTRS = ['date', 'location', 'category', 'type', 'subType', 'claimant', 'claimantId', 'status', 'canonicalName', 'kind', 'value', 'unit', 'qualifier', 'counts', 'min', 'max', 'estimate', 'auto'];
const ENUMERATED: Record<string, string> = { status: 'Status', kind: 'Kind', qualifier: 'Qualifier' };

function codePoints(text: string): (i: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) table[++i] = cp;
    cp++;
  }
  table[text.length] = cp;
  return (i) => table[i] as number;
}

const csvCell = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

class Sink {
  private pending: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(
    private fd: number,
    private gzip: boolean,
  ) {}
  write(s: string): void {
    this.pending.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    const raw = Buffer.from(this.pending.join(''), 'utf8');
    const buf = this.gzip ? gzipSync(raw) : raw;
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.pending = [];
    this.size = 0;
  }
}

export function rawExport(dbFile: string, format: string, out: string): { articles: number; spans: number; bytes: number } {
  const articlesDb = new Database(dbFile, { readonly: true });
  const annotationsDb = new Database(dbFile, { readonly: true });
  const bundle = format === 'bundle';
  const spansOf = annotationsDb.prepare(
    `SELECT * FROM annotations WHERE article_id = ?${bundle ? '' : ` AND status = 'ok' AND "end" > start`} ORDER BY start, "end" DESC`,
  );
  const folder = format === 'brat';
  if (folder) mkdirSync(out);
  const fd = folder ? -1 : openSync(out, 'w');
  const sink = new Sink(fd, bundle);
  let articles = 0;
  let spans = 0;
  let folderBytes = 0;
  if (format === 'csv') sink.write(`\uFEFF${CSV_HEAD}\r\n`);
  if (format === 'w3c') sink.write('{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[');
  if (bundle) sink.write(`${JSON.stringify({ format: 'spanwise-bundle', version: 1, exported_at: new Date().toISOString(), offset_unit: 'codepoint' })}\n`);
  for (const a of articlesDb.prepare('SELECT * FROM articles ORDER BY rowid').iterate() as Iterable<ArticleRow>) {
    const anns = spansOf.all(a.id) as AnnotationRow[];
    const cp = codePoints(a.text);
    articles++;
    spans += anns.length;
    const cut = (s: number, e: number) => a.text.slice(s, e);
    if (format === 'jsonl') {
      const list = anns.map((n) => ({ id: n.id, start: cp(n.start), end: cp(n.end), label: n.label.toUpperCase(), text: cut(n.start, n.end), note: n.note, attrs: JSON.parse(n.attrs) as unknown }));
      const { id, title, source, url, author, published_at, language, text } = a;
      sink.write(`${JSON.stringify({ id, title, source, url, author, published_at, language, text, spans: list, meta: { offset_unit: 'codepoint' } })}\n`);
    } else if (format === 'csv') {
      for (const n of anns) {
        const attrs = JSON.parse(n.attrs) as Record<string, unknown>;
        const cells = [a.id, a.title, n.id, n.label.toUpperCase(), String(cp(n.start)), String(cp(n.end)), cut(n.start, n.end), n.note, ...CSV_ATTRS.map((k) => (attrs[k] === undefined ? '' : String(attrs[k])))];
        sink.write(`${cells.map(csvCell).join(',')}\r\n`);
      }
    } else if (format === 'w3c') {
      for (const n of anns) {
        const s = cp(n.start);
        const e = cp(n.end);
        const body: Record<string, string>[] = [{ type: 'TextualBody', purpose: 'tagging', value: n.label.toUpperCase() }];
        if (n.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: n.note });
        for (const [k, v] of Object.entries(JSON.parse(n.attrs) as Record<string, unknown>)) body.push({ type: 'TextualBody', purpose: 'describing', value: `${n.label}_${k}: ${String(v)}` });
        const target = {
          source: `urn:spanwise:article:${a.id}`,
          selector: [
            { type: 'TextPositionSelector', start: s, end: e },
            // Prefix and suffix by UTF-16 units: close enough to 32 code points for a cost baseline.
            { type: 'TextQuoteSelector', exact: cut(n.start, n.end), prefix: cut(Math.max(0, n.start - 32), n.start), suffix: cut(n.end, n.end + 32) },
          ],
        };
        const annotation = { id: `urn:spanwise:annotation:${n.id}`, type: 'Annotation', motivation: 'tagging', creator: { type: 'Person', name: n.author }, created: n.created_at, modified: n.updated_at, body, target };
        sink.write(`${spans - anns.length === 0 && n === anns[0] ? '\n' : ',\n'}${JSON.stringify(annotation)}`);
      }
    } else if (bundle) {
      const list = anns.map((n) => ({ ...n, label: n.label.toUpperCase(), start: cp(n.start), end: cp(n.end), attrs: JSON.parse(n.attrs) as unknown }));
      sink.write(`${JSON.stringify({ type: 'article', ...a, annotations: list })}\n`);
    } else {
      const lines: string[] = [];
      let attrN = 0;
      let noteN = 0;
      anns.forEach((n, i) => {
        // brat writes a span holding a newline as fragments; split on newlines, as the format needs.
        const pieces: string[] = [];
        let from = n.start;
        for (const part of cut(n.start, n.end).split('\n')) {
          if (part) pieces.push(`${cp(from)} ${cp(from + part.length)}`);
          from += part.length + 1;
        }
        lines.push(`T${i + 1}\t${n.label.toUpperCase()} ${pieces.join(';')}\t${cut(n.start, n.end).replace(/\n/g, ' ')}`);
        const attrs = JSON.parse(n.attrs) as Record<string, unknown>;
        for (const [k, v] of Object.entries(attrs)) {
          if (ENUMERATED[k]) lines.push(`A${++attrN}\t${ENUMERATED[k]} T${i + 1} ${String(v).replace(/\s+/g, '_')}`);
          else lines.push(`#${++noteN}\tAnnotatorNotes T${i + 1}\t${n.label}_${k}: ${String(v)}`);
        }
        if (n.note) lines.push(`#${++noteN}\tAnnotatorNotes T${i + 1}\t${n.note.replace(/[\t\n]/g, ' ')}`);
      });
      const ann = lines.length ? `${lines.join('\n')}\n` : '';
      writeFileSync(join(out, `${a.id}.txt`), a.text);
      writeFileSync(join(out, `${a.id}.ann`), ann);
      folderBytes += Buffer.byteLength(a.text) + Buffer.byteLength(ann);
    }
  }
  if (format === 'w3c') sink.write(`\n]},"total":${spans}}\n`);
  if (bundle) sink.write(`${JSON.stringify({ type: 'end', articles, annotations: spans })}\n`);
  sink.flush();
  if (!folder) {
    // The app makes a finished export file durable before renaming it into place; so does this.
    fsyncSync(fd);
    closeSync(fd);
  }
  articlesDb.close();
  annotationsDb.close();
  return { articles, spans, bytes: folder ? folderBytes : sink.bytes };
}
