// What the -wal purge after a delete costs: `npx tsx scripts/measure-delete-purge.ts` (a 5,000-article library in a temp folder).
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend } from '../electron/core/services/app';
import { insertArticle } from '../electron/core/store/articles';
import { insertAnnotation } from '../electron/core/store/annotations';
import { quietPlatform } from '../electron/core/testing/platform';

const dir = mkdtempSync(join(tmpdir(), 'purge-'));
const file = join(dir, 'lib.db');
const b = await startBackend(file, quietPlatform('m'));
const ids: string[] = [];
b.db.transaction(() => {
  for (let i = 0; i < 5000; i++) {
    const text = `Report ${i}. ${'The river rose again overnight and the bridge was closed. '.repeat(40)}`;
    const a = insertArticle(b.db, { title: `A ${i}`, source: 'wire', url: null, author: null, publishedAt: null, language: 'en', text });
    ids.push(insertAnnotation(b.db, { articleId: a.id, label: 'event', start: 0, end: 6, quote: text.slice(0, 6), note: `note ${i}` }).id);
  }
})();
b.db.pragma('wal_checkpoint(TRUNCATE)');
console.log('library', (statSync(file).size / 1e6).toFixed(1), 'MB');
const time = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = Number(process.hrtime.bigint() - t) / 1e6 / n;
  console.log(label, ms.toFixed(2), 'ms per call; wal', existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0, 'bytes');
};
await time('annotations/delete (with purge)', 200, (i) => b.dispatch('annotations/delete', { ids: [ids[i]] }));
await time('annotations/delete, raw transaction, no purge', 200, async (i) => b.db.transaction(() => b.db.prepare('DELETE FROM annotations WHERE id = ?').run(ids[200 + i]))());
b.db.pragma('wal_checkpoint(TRUNCATE)');
// A busy log: 500 edits since the last checkpoint, then one delete.
for (let i = 0; i < 500; i++) b.db.prepare('UPDATE annotations SET note = ? WHERE id = ?').run(`edited ${i}`, ids[1000 + i]);
console.log('wal before purge', statSync(`${file}-wal`).size, 'bytes');
await time('annotations/delete after 500 edits (purge folds them in)', 1, () => b.dispatch('annotations/delete', { ids: [ids[2000]] }));
await time('articles/delete one article (with purge)', 50, (i) => b.dispatch('articles/delete', { ids: [b.db.prepare('SELECT id FROM articles LIMIT 1 OFFSET ?').pluck().get(i * 7) as string] }));
b.close();
rmSync(dir, { recursive: true, force: true });
