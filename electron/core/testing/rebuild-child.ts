/**
 * A worker for the search index rebuild's crash test (store/search-rebuild.test.ts), which kills
 * it with SIGKILL between or inside slices. Prints "slice <articles in the new index>" once each
 * slice has committed, so every line the parent reads names a position the store promised.
 *
 * usage: node --import tsx rebuild-child.ts DBFILE
 */
import { openStore } from '../store/db';
import { rebuildSlice, searchRebuildProgress } from '../store/search-rebuild';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: rebuild-child.ts DBFILE\n');
  process.exit(2);
}
const db = openStore(file);
const step = () => {
  const { finished } = rebuildSlice(db, 3);
  process.stdout.write(`slice ${searchRebuildProgress(db)?.done ?? 'all'}\n`);
  // Waits to be killed rather than ending on its own, which the test would not count as a crash.
  setTimeout(step, finished ? 1000 : 2);
};
step();
