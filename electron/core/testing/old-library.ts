import { insertArticle } from '../store/articles';
import { loadMigrations, openStore } from '../store/db';
import { createRng } from './fuzz';

const WORDS = ['government', 'statement', 'mentioned', 'mentor', 'drones', 'port', 'reported', 'repairs', 'ceasefire', 'negotiations', 'Міністерство', 'оборони', '无人机', 'the', 'of', 'and'];

/**
 * A library as Spanwise left it before migration 0015 (version 14, the search index without
 * four- and five-character prefixes), holding `count` articles titled "Report 1", "Report 2"...
 * Opening it with this Spanwise leaves the index to be rebuilt in the background.
 */
export function writeLibraryBeforePrefixes(file: string, count: number, seed = 1): void {
  const db = openStore(file, { migrations: loadMigrations().slice(0, 14) });
  const rng = createRng(seed);
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const text = Array.from({ length: 20 + rng.int(60) }, () => rng.pick(WORDS)).join(' ');
      insertArticle(db, { title: `Report ${i}`, source: null, url: null, author: null, publishedAt: null, language: null, text });
    }
  })();
  db.close();
}
