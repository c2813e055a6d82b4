/**
 * How long an import holds the main thread: the longest gap between 10 ms timer ticks (what an
 * annotation save or a progress poll would wait) while a large saved page and a large legacy-
 * encoded text are imported, parsed in-process and in a worker; and decoding time per MB.
 *
 * usage: npx tsx bench/probes/import-latency.ts
 */
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText } from '../../electron/core/import/decode';
import { inlineParser, workerParser, type Parser } from '../../electron/core/import/pool';
import type { SourceSpec } from '../../electron/core/import/types';
import { importBatch } from '../../electron/core/services/importer';
import { openStore } from '../../electron/core/store/db';

const paragraphs = Array.from({ length: 10_000 }, (_, i) => `<div class="c${i % 7}"><p>Paragraph ${i} about the <b>Morrow</b> estuary survey and its <a href="/x${i}">findings</a>.</p></div>`).join('\n');
const page = `<html><head><title>Big</title></head><body><article>${paragraphs}</article></body></html>`;
const legacy = iconv.encode('Министерство обороны заявило, что силы ПВО сбили 76 беспилотников.\n'.repeat(20_000), 'windows-1251');

async function stall(parser: Parser, spec: SourceSpec): Promise<{ totalMs: number; longestStallMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'spanwise-probe-'));
  const db = openStore(join(dir, 'x.db'));
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  const start = performance.now();
  await importBatch(db, [spec], { parser });
  const totalMs = performance.now() - start;
  clearInterval(timer);
  // The gap up to now counts too: a blocked thread may not have ticked once before the end.
  longest = Math.max(longest, performance.now() - last);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { totalMs: Math.round(totalMs), longestStallMs: Math.round(longest) };
}

const workers = workerParser(1);
// A first task starts the worker, so the figures below are for a running app, not its first import.
await stall(workers, { kind: 'text', name: 'warm.txt', content: 'Warm-up.' });
for (const [name, spec] of [
  [`page.html (${(page.length / 1048576).toFixed(1)} MB)`, { kind: 'text', name: 'page.html', content: page }],
  [`windows-1251.txt (${(legacy.length / 1048576).toFixed(1)} MB)`, { kind: 'bytes', name: 'legacy.txt', bytes: legacy }],
] as [string, SourceSpec][]) {
  console.log(name, 'in-process', JSON.stringify(await stall(inlineParser(), spec)), 'worker', JSON.stringify(await stall(workers, spec)));
}
workers.close();
const t = performance.now();
decodeText(legacy);
console.log(`decode windows-1251: ${Math.round((performance.now() - t) / (legacy.length / 1048576))} ms/MB`);
