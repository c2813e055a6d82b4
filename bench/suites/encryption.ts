import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { inlineParser } from '../../electron/core/import/pool';
import { importPaths } from '../../electron/core/services/library-import';
import { openStore, type Db } from '../../electron/core/store/db';
import { listArticles } from '../../electron/core/store/list';
import { LIBRARY_PAGE_SIZE } from '../../shared/ipc/contract';
import type { Config } from '../lib/config';
import { writeShards } from '../lib/files';
import { emit, median, note, percentile } from '../lib/report';
import { KINDS, queries } from './search';

/**
 * The encrypted library (SQLite3MultipleCiphers' ChaCha20-Poly1305, store/encryption.ts) against
 * the plain one, in the same run, at a modest size (2,000 articles of the bench corpus with their
 * spans, about 9 MB of JSONL; --quick: 200):
 * - import: the same JSONL files imported as `spanwise import` does (importPaths, the parse on
 *   this thread so both sides pay the same), into a new library each time, plain and encrypted
 *   turn about; the open is timed apart, since the encrypted one pays its key derivation once;
 * - search: the library's search (word, prefix, phrase; first page with total and snippets) on
 *   both libraries, each query once to warm the cache, then timed on each side in turn.
 */
const PASSPHRASE = 'bench passphrase, not a secret';

async function importOnce(file: string, shards: string[], encrypted: boolean): Promise<{ openMs: number; importMs: number }> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const t = performance.now();
  const db = openStore(file, encrypted ? { passphrase: PASSPHRASE } : {});
  const opened = performance.now();
  const report = await importPaths(db, shards, { author: 'bench', parser: inlineParser() });
  db.close();
  const done = performance.now();
  if (report.failed > 0) throw new Error(`bench import failed: ${JSON.stringify(report.outcomes.find((o) => o.status === 'failed'))}`);
  return { openMs: opened - t, importMs: done - opened };
}

export async function encryptionSuite(cfg: Config): Promise<void> {
  const articles = cfg.quick ? 200 : 2_000;
  const dir = join(cfg.work, 'encryption');
  const shards = writeShards(join(dir, 'corpus'), cfg.seed, articles, articles / 4);
  note(`encryption: ${shards.articles} articles, ${shards.spans} spans, ${(shards.bytes / 1e6).toFixed(1)} MB of JSONL`);
  const plainFile = join(dir, 'plain.db');
  const sealedFile = join(dir, 'encrypted.db');
  const runs = cfg.quick ? 2 : 5;
  const plain: { openMs: number; importMs: number }[] = [];
  const sealed: { openMs: number; importMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    plain.push(await importOnce(plainFile, shards.files, false));
    sealed.push(await importOnce(sealedFile, shards.files, true));
  }
  const importValue = median(sealed.map((r) => r.importMs));
  const importBase = median(plain.map((r) => r.importMs));
  emit({
    suite: 'encryption',
    figure: 'import (encrypted library)',
    scale: '1x',
    size: { articles: shards.articles, spans: shards.spans },
    value: importValue,
    unit: 'ms',
    baseline: importBase,
    baselineIs: 'the same import into a plain library',
    ratio: importValue / importBase,
    target: 'ratio <= 1.3',
    extra: {
      samples: sealed.map((r) => Math.round(r.importMs)),
      baselineSamples: plain.map((r) => Math.round(r.importMs)),
      openMs: Math.round(median(sealed.map((r) => r.openMs))),
      plainOpenMs: Math.round(median(plain.map((r) => r.openMs))),
    },
  });

  const dbs: [Db, Db] = [openStore(sealedFile, { passphrase: PASSPHRASE, readonly: true }), openStore(plainFile, { readonly: true })];
  try {
    for (const kind of KINDS) {
      const qs = queries(cfg, articles, kind);
      const search = (db: Db, q: string) => listArticles(db, { query: q, sort: 'relevance', descending: true, limit: LIBRARY_PAGE_SIZE, offset: 0 });
      for (const q of qs) for (const db of dbs) search(db, q);
      const ms: [number[], number[]] = [[], []];
      for (const q of qs) {
        dbs.forEach((db, side) => {
          const t = performance.now();
          search(db, q);
          (ms[side] as number[]).push(performance.now() - t);
        });
      }
      const value = percentile(ms[0], 95);
      const baseline = percentile(ms[1], 95);
      emit({
        suite: 'encryption',
        figure: `search ${kind} p95 (encrypted library)`,
        scale: '1x',
        size: { articles: shards.articles, queries: qs.length },
        value,
        unit: 'ms',
        baseline,
        baselineIs: 'the same queries on the plain library, p95',
        ratio: value / baseline,
        target: 'ratio <= 1.3',
        extra: { p50: Math.round(percentile(ms[0], 50) * 100) / 100, baselineP50: Math.round(percentile(ms[1], 50) * 100) / 100 },
      });
    }
  } finally {
    for (const db of dbs) db.close();
  }
}
