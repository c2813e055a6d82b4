/**
 * One export in a process of its own, so its peak memory is its own: either Spanwise's export
 * (exportCorpus, what the Export button and `spanwise export` run) or the raw baseline
 * (bench/lib/raw-export.ts). The store is opened before the clock starts, as it is in the app.
 *
 * usage: export-child.ts app|raw FORMAT DB OUT
 * prints {ms, bytes, articles, spans, maxRssMB, rssBeforeMB}
 */
import { openStore } from '../../electron/core/store/db';
import { exportCorpus } from '../../electron/core/export';
import type { ExportFormat } from '../../shared/ipc/contract';
import { rawExport } from '../lib/raw-export';

const [mode, format, dbFile, out] = process.argv.slice(2);
if (!mode || !format || !dbFile || !out) throw new Error('usage: export-child.ts app|raw FORMAT DB OUT');

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const rssBeforeMB = mb(process.memoryUsage().rss);
let result: { articles: number; spans: number; bytes: number };
let ms: number;
if (mode === 'app') {
  const db = openStore(dbFile);
  const t = performance.now();
  result = await exportCorpus(db, { format: format as ExportFormat, out });
  ms = performance.now() - t;
  db.close();
} else {
  const t = performance.now();
  result = rawExport(dbFile, format, out);
  ms = performance.now() - t;
}
// maxRSS is the process's high-water mark in kilobytes (getrusage), start-up included.
const maxRssMB = mb(process.resourceUsage().maxRSS * 1024);
process.stdout.write(`${JSON.stringify({ ms, ...result, maxRssMB, rssBeforeMB })}\n`);
