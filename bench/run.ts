/**
 * npm run bench [-- --quick] [--only import,search,editor,export,actors,registry,startup,events-view,encryption,events,figures,timeline] [--profile] [--renderer DIR] [--keep] [--stores DIR] [--out FILE]
 *
 * --stores DIR: the search and export suites use the libraries a run with --keep left in DIR
 * (library-1x.db ... library-100x.db, brought up to the current schema first) instead of building them.
 *
 * Prints one JSON line per figure on stdout (progress goes to stderr). See BENCHMARKS.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../electron/core/store/db';
import { makeConfig } from './lib/config';
import { writeShards } from './lib/files';
import { runChild } from './lib/proc';
import { machine, note, setSink } from './lib/report';
import { actorsSuite } from './suites/actors';
import { editorSuite } from './suites/editor';
import { exportSuite } from './suites/export';
import { importSuite } from './suites/import';
import { searchSuite } from './suites/search';
import { registrySuite } from './suites/registry';
import { startupSuite } from './suites/startup';
import { eventsViewSuite } from './suites/events-view';
import { encryptionSuite } from './suites/encryption';
import { eventsSuite } from './suites/events';
import { figuresSuite } from './suites/figures';
import { timelineSuite } from './suites/timeline';

const SUITES = ['import', 'search', 'editor', 'export', 'actors', 'registry', 'startup', 'events-view', 'encryption', 'events', 'figures', 'timeline'] as const;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    renderer: { type: 'string' },
    keep: { type: 'boolean', default: false },
    stores: { type: 'string' },
    out: { type: 'string' },
  },
});
const only = new Set(values.only ? values.only.split(',') : SUITES);
for (const s of only) if (!(SUITES as readonly string[]).includes(s)) throw new Error(`unknown suite "${s}" (${SUITES.join(', ')})`);

const work = mkdtempSync(join(tmpdir(), 'spanwise-bench-'));
const cfg = makeConfig({ quick: values.quick, work, profile: values.profile, rendererDir: values.renderer ? resolve(values.renderer) : null });
if (values.out) {
  writeFileSync(values.out, '');
  setSink(resolve(values.out));
}
const started = performance.now();
process.stdout.write(`${JSON.stringify({ machine: machine(), quick: cfg.quick, command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}` })}\n`);

try {
  let stores: string[] = [];
  if (values.stores && !only.has('import')) {
    for (const scale of cfg.scales) {
      const file = join(resolve(values.stores), `library-${scale}.db`);
      const migrated = performance.now();
      openStore(file).close();
      note(`store ${file}: brought up to the current schema in ${((performance.now() - migrated) / 1000).toFixed(1)} s`);
      stores.push(file);
    }
  } else if (only.has('import') || only.has('search') || only.has('export')) {
    const top = cfg.articles[cfg.articles.length - 1] as number;
    note(`generating ${top} articles in ${top / cfg.shardSize} shards`);
    const shards = writeShards(join(work, 'corpus'), cfg.seed, top, cfg.shardSize);
    note(`corpus: ${shards.articles} articles, ${shards.spans} spans, ${(shards.bytes / 1e6).toFixed(0)} MB of JSONL`);
    if (only.has('import')) {
      stores = await importSuite(cfg, shards);
    } else {
      // Without the import suite, the stores are built by the raw inserter: the same rows.
      for (const [rung, scale] of cfg.scales.entries()) {
        const db = join(work, `library-${scale}.db`);
        await runChild('raw-insert.ts', [db, ...shards.files.slice(0, (cfg.articles[rung] as number) / cfg.shardSize)]);
        stores.push(db);
      }
    }
    rmSync(join(work, 'corpus'), { recursive: true, force: true });
  }
  if (only.has('search')) searchSuite(cfg, stores);
  if (only.has('export')) await exportSuite(cfg, stores);
  if (only.has('editor')) {
    mkdirSync(join(work, 'editor'), { recursive: true });
    await editorSuite(cfg);
  }
  if (only.has('actors')) await actorsSuite(cfg);
  if (only.has('registry')) await registrySuite(cfg);
  if (only.has('startup')) await startupSuite(cfg);
  if (only.has('events-view')) await eventsViewSuite(cfg);
  if (only.has('encryption')) await encryptionSuite(cfg);
  if (only.has('events')) await eventsSuite(cfg);
  if (only.has('figures')) await figuresSuite(cfg);
  if (only.has('timeline')) await timelineSuite(cfg);
  note(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
} finally {
  if (values.keep) note(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
