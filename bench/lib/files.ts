import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeCodePointConverter } from '../../shared/text';
import { exportLabel } from '../../electron/core/export/spans';
import { generateArticle, type GenArticle } from './corpus';

/**
 * The corpus on disk as analysts receive datasets: JSONL shards in Spanwise's own interchange
 * format (DESIGN.md), spans with code point offsets and their text. Shard k holds articles
 * [k*size, (k+1)*size), so each rung of the ladder imports a prefix of the same shards.
 */
export function jsonlRecord(a: GenArticle): Record<string, unknown> {
  const cp = makeCodePointConverter(a.text);
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    url: a.url,
    author: a.author,
    published_at: a.publishedAt,
    language: a.language,
    text: a.text,
    spans: a.spans.map((s) => ({
      id: s.id,
      start: cp(s.start),
      end: cp(s.end),
      label: exportLabel(s.label),
      text: a.text.slice(s.start, s.end),
      note: s.note,
      attrs: s.attrs,
    })),
    meta: { offset_unit: 'codepoint' },
  };
}

export interface Shards {
  files: string[];
  articles: number;
  spans: number;
  bytes: number;
}

export function writeShards(dir: string, seed: string, total: number, shardSize: number): Shards {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let spans = 0;
  let bytes = 0;
  for (let from = 0; from < total; from += shardSize) {
    const file = join(dir, `shard-${String(files.length).padStart(5, '0')}.jsonl`);
    const fd = openSync(file, 'w');
    try {
      const lines: string[] = [];
      for (let i = from; i < Math.min(total, from + shardSize); i++) {
        const a = generateArticle(seed, i);
        spans += a.spans.length;
        lines.push(JSON.stringify(jsonlRecord(a)));
      }
      const buf = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      bytes += buf.length;
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
    files.push(file);
  }
  return { files, articles: total, spans, bytes };
}

/** Reads shards back as records (for the raw baseline, which inserts exactly these rows). */
export function* readShard(file: string): Generator<Record<string, unknown>> {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line !== '') yield JSON.parse(line) as Record<string, unknown>;
  }
}
