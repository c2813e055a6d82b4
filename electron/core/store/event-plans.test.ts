import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventLibrary } from '../testing/event-library';
import { useTmpDir } from '../testing/tmp';
import type { Db } from './db';
import { allEvents, listEvents, LIVE_EVENT_BY_KEY } from './events';
import { incidentGroups } from './incident-groups';

const tmp = useTmpDir();
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

interface Seen {
  sql: string;
  args: unknown[];
}

/** Every statement `db` runs from now on, with what it was run with. */
function recordStatements(d: Db): Seen[] {
  const seen: Seen[] = [];
  const prepare = d.prepare.bind(d);
  d.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const method of ['all', 'get', 'iterate'] as const) {
      const run = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      Object.defineProperty(stmt, method, {
        value: (...args: unknown[]) => {
          seen.push({ sql, args });
          return run(...args);
        },
      });
    }
    return stmt;
  }) as Db['prepare'];
  return seen;
}

/** How SQLite reaches the events (`annotations n`) in each statement that reads them by key. */
function eventAccess(d: Db, seen: Seen[]): string[] {
  const byKey = seen.filter((s) => s.sql.includes(LIVE_EVENT_BY_KEY));
  const unique = [...new Map(byKey.map((s) => [s.sql, s])).values()];
  return unique.map((s) => {
    const plan = d.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[];
    return plan.map((p) => p.detail).filter((detail) => / n\b/.test(detail)).join('; ');
  });
}

/** Reads events by key the three ways the app does: a page of the Events table, the walk of every event, the dataset exports' walk of lone events. */
function readByKey(d: Db): void {
  expect(listEvents(d, { limit: 100, offset: 200 }).items).toHaveLength(100);
  expect(allEvents(d, 100).next().value).toHaveLength(100);
  expect(incidentGroups(d, 100).next().value?.length).toBeGreaterThan(0);
}

/**
 * Reading events by id or by rowid must go by that key. Without statistics SQLite preferred the
 * events' date and type indexes (three equalities look more selective than a list of ids) and read
 * every event of the library for each page: 2 s a page at 100,000 events, minutes for an export.
 * With statistics it sorted every event per page of the rowid walk instead.
 */
describe('events read by key', () => {
  for (const statistics of [false, true]) {
    it(`go by their id or rowid, never through the event indexes or a sort (${statistics ? 'after ANALYZE' : 'without statistics'})`, () => {
      db = eventLibrary(join(tmp(), 'library.db'), 2_000);
      if (statistics) db.exec('ANALYZE');
      const seen = recordStatements(db);
      readByKey(db);
      const access = eventAccess(db, seen);
      expect(access.length).toBeGreaterThanOrEqual(3);
      for (const detail of access) {
        expect(detail).toMatch(/^SEARCH n USING (INDEX sqlite_autoindex_annotations_1 \(id=\?\)|INTEGER PRIMARY KEY \(rowid>\?\))/);
        expect(detail).not.toMatch(/annotations_event|TEMP B-TREE|SCAN n/);
      }
    });
  }
});
