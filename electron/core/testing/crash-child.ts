/**
 * A worker for the crash-safety test (services/crash.test.ts), which kills it with SIGKILL at a
 * random moment. It writes as fast as it can and reports on stdout, one line per event:
 *
 *   import mode: "begin <tag>" before a batch, "ack <tag>" once importBatch has committed it
 *   edits mode:  "ack <id>" once a created annotation is saved, "upd <id> <n>" once note v<n> is
 *
 * A line is written only after the call that saved it returned, so every line the parent reads
 * names something the store promised to keep.
 *
 * usage: node --import tsx crash-child.ts import|edits DBFILE SEED BATCHSIZE
 */
import { quietPlatform } from './platform';
import { openStore } from '../store/db';
import { startBackend } from '../services/app';
import { importBatch, textSource } from '../services/importer';
import { sharedParser } from '../import/pool';
import { createRng } from './fuzz';

const [mode, dbFile, seedArg, batchArg] = process.argv.slice(2);
if ((mode !== 'import' && mode !== 'edits') || !dbFile) {
  process.stderr.write('usage: crash-child.ts import|edits DBFILE SEED BATCHSIZE\n');
  process.exit(2);
}
const rng = createRng(Number(seedArg ?? 1));
const BATCH_SIZE = Number(batchArg ?? 12);
const say = (line: string) => process.stdout.write(`${line}\n`);

const BODY = 'Shelling resumed near the river crossing overnight, and officials said 80 drones were shot down. ';

/** One JSONL line per article: the spans travel with it, so an article and its annotations land together. */
function batchSource(tag: string) {
  const lines = Array.from({ length: BATCH_SIZE }, (_, i) => {
    const text = `Batch ${tag} item ${i}. ${BODY.repeat(8 + rng.int(8))}`;
    const at = text.indexOf('80 drones');
    return JSON.stringify({
      title: `Batch ${tag} #${i}`,
      text,
      spans: [
        { start: 0, end: 5, label: 'event' },
        { start: at, end: at + 9, label: 'figure', attrs: { value: 80, unit: 'drones' } },
      ],
    });
  });
  return textSource(`${tag}.jsonl`, lines.join('\n'));
}

async function importForever(): Promise<void> {
  const db = openStore(dbFile as string);
  // The parsing worker takes a moment to start; ready means ready to import.
  const warmUp = sharedParser().start(textSource('warm-up.txt', 'Warm-up.'));
  while ((await warmUp.next()).type !== 'end');
  say('ready');
  for (let k = 0; ; k++) {
    const tag = `${process.pid}-${k}`;
    say(`begin ${tag}`);
    const report = await importBatch(db, [batchSource(tag)], { author: 'crash-test' });
    if (report.imported !== 1) throw new Error(`batch ${tag} did not import: ${JSON.stringify(report.outcomes)}`);
    say(`ack ${tag}`);
  }
}

async function editForever(): Promise<void> {
  const backend = await startBackend(dbFile as string, quietPlatform('crash-test'));
  const { db, dispatch } = backend;
  let article = db.prepare('SELECT id, text FROM articles ORDER BY rowid LIMIT 1').get() as { id: string; text: string } | undefined;
  if (!article) {
    await importBatch(db, [textSource('seed.txt', `Edits target\n\n${BODY.repeat(40)}`)], { author: 'crash-test' });
    article = db.prepare('SELECT id, text FROM articles ORDER BY rowid LIMIT 1').get() as { id: string; text: string };
  }
  const { id: articleId, text } = article;
  const mine: string[] = [];
  const versions = new Map<string, number>();
  const span = () => {
    const start = rng.int(text.length - 40);
    return { label: rng.pick(['event', 'claim', 'actor', 'figure'] as const), start, end: start + 5 + rng.int(30) };
  };
  say('ready');
  for (;;) {
    const roll = rng.next();
    if (roll < 0.45 || mine.length === 0) {
      const r = await dispatch('annotations/create', { articleId, ...span(), note: 'v0' });
      // A random span may repeat one already tagged with its label: refused, as a duplicate is.
      if (!r.ok && r.error.code === 'conflict') continue;
      if (!r.ok) throw new Error(`create refused: ${r.error.message}`);
      const id = (r.value as { id: string }).id;
      mine.push(id);
      versions.set(id, 0);
      say(`ack ${id}`);
    } else if (roll < 0.65) {
      const r = await dispatch('annotations/createMany', { articleId, items: [span(), span(), span()].map((s) => ({ ...s, note: 'v0' })) });
      if (!r.ok && (r.error.code === 'conflict' || /same span/.test(r.error.message))) continue;
      if (!r.ok) throw new Error(`createMany refused: ${r.error.message}`);
      for (const { id } of r.value as { id: string }[]) {
        mine.push(id);
        versions.set(id, 0);
        say(`ack ${id}`);
      }
    } else {
      const id = rng.pick(mine);
      const next = (versions.get(id) ?? 0) + 1;
      const r = await dispatch('annotations/update', { id, note: `v${next}` });
      if (!r.ok) throw new Error(`update refused: ${r.error.message}`);
      versions.set(id, next);
      say(`upd ${id} ${next}`);
    }
  }
}

(mode === 'import' ? importForever() : editForever()).catch((err: unknown) => {
  process.stderr.write(`crash-child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
