import { fold } from '../../../shared/fold';
import type { EventsQuery } from '../../../shared/ipc/events';
import { ACTOR_NAME_SQL } from './actor-names';
import { cached, type Db } from './db';
import { keepNewest, libraryVersion } from './library-version';

/**
 * Pages of the Events table by keyset (migration 0013): a page is read by seeking in the sort's
 * index from the keys of a row whose position is known, never by walking an OFFSET from the
 * start. Positions known are the two ends of the list, the first and last rows of every page read
 * and, once a page is asked for far from all of them, an anchor every ANCHOR_EVERY rows taken
 * in one pass of the index. The count is kept per filter (the sort does not change it). Both are
 * dropped when the library changes (any write on this connection or on another one).
 */

/** Rows between two anchors: the most a page skips after its seek. */
const ANCHOR_EVERY = 500;
/** Queries whose positions and counts are kept (sorts and filters the analyst went back and forth between). */
const KEPT = 16;

/** The sort keys of each order, most significant first; every order ends with `rid`. */
const SORT_KEYS: Record<NonNullable<EventsQuery['sort']>, readonly string[]> = {
  date: ['date_key'],
  type: ['type_key', 'date_key'],
  location: ['location_key'],
  source: ['source_key'],
  article: ['title_key'],
};

/** A row's keys in its order's columns, `rid` last: where a seek starts from. */
type Keys = readonly (string | number)[];

interface Positions {
  version: string;
  /** Keys of the row at each position known. */
  at: Map<number, Keys>;
  anchored: boolean;
}

interface Kept {
  counts: Map<string, { version: string; total: number }>;
  positions: Map<string, Positions>;
}

const kept = new WeakMap<Db, Kept>();

const key = (v: string | null | undefined) => (v === null || v === undefined ? '0' : `1${v}`);

/** The Events table's filters as conditions on `event_rows e` (the Timeline's too; the Network filters the same way over annotations: store/events.ts). */
export function eventRowFilters(query: EventsQuery): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.type) {
    where.push('e.type_key = @typeKey');
    params.typeKey = key(query.type);
  }
  if (query.source) {
    where.push('e.source_key = @sourceKey');
    params.sourceKey = key(query.source);
  }
  if (query.dateFrom || query.dateTo) where.push(`e.date_key <> '0'`);
  if (query.dateFrom) {
    // A partial date stands for a span: 2024-11 is in range from 2024-11-20 (its end reaches it).
    where.push(`substr(e.date_key, 2) >= substr(@dateFrom, 1, length(e.date_key) - 1)`);
    // The same rows, as a range the date index can start from: every stored date begins with its
    // four-digit year (shared/model.ts PARTIAL_DATE), so none in range is below the year's own.
    where.push(`e.date_key >= '1' || substr(@dateFrom, 1, 4)`);
    params.dateFrom = query.dateFrom;
  }
  if (query.dateTo) {
    where.push('e.date_key <= @dateToKey');
    params.dateToKey = key(query.dateTo);
  }
  if (query.actor) {
    where.push(
      `EXISTS (SELECT 1 FROM event_roles r JOIN annotations s ON s.id = r.span_id WHERE r.event_id = e.id AND r.role = 'actor' AND instr(spanwise_fold(${ACTOR_NAME_SQL('s')}), @actorFolded) > 0)`,
    );
    params.actorFolded = fold(query.actor);
  }
  return { where, params };
}

function store(db: Db): Kept {
  let k = kept.get(db);
  if (!k) {
    k = { counts: new Map(), positions: new Map() };
    kept.set(db, k);
  }
  return k;
}

/** One page of the table's event ids in order, and how many events the filter keeps. */
export function eventPage(db: Db, query: EventsQuery): { total: number; ids: string[] } {
  const { where, params } = eventRowFilters(query);
  const filterSql = where.length > 0 ? where.join(' AND ') : '1';
  const now = libraryVersion(db);
  const k = store(db);
  const filterName = JSON.stringify(params);
  let count = k.counts.get(filterName);
  if (!count || count.version !== now) {
    const total = cached(db, `SELECT count(*) FROM event_rows e WHERE ${filterSql}`, 'pluck').get(params) as number;
    count = keepNewest(k.counts, filterName, { version: now, total }, KEPT);
  }
  const total = count.total;
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? 100, total - offset);
  if (limit <= 0) return { total, ids: [] };

  const sort = query.sort ?? 'date';
  const descending = query.descending !== false;
  // A column the filter fixes (the type when sorting by type within one type) is left out of the
  // seek, so its row value stays a range of the index rather than a walk from the fixed value.
  const fixed = new Set([...(query.type ? ['type_key'] : []), ...(query.source ? ['source_key'] : [])]);
  const cols = [...SORT_KEYS[sort].filter((c) => !fixed.has(c)), 'rid'];
  const orderName = `${filterName}|${sort}|${descending ? 'desc' : 'asc'}`;
  let positions = k.positions.get(orderName);
  if (!positions || positions.version !== now) positions = keepNewest(k.positions, orderName, { version: now, at: new Map(), anchored: false }, KEPT);

  const read = (forward: boolean, from: Keys | null, skip: number, n: number) => {
    // Forward is the table's order; backward reads it from the far end (End, the last pages).
    const down = descending === forward;
    const seek = from ? [`(${cols.map((c) => `e.${c}`).join(', ')}) ${down ? '<' : '>'} (${cols.map((_, i) => `@k${i}`).join(', ')})`] : [];
    const sql = `SELECT e.id, ${cols.map((c) => `e.${c}`).join(', ')} FROM event_rows e WHERE ${[...seek, filterSql].join(' AND ')}
      ORDER BY ${cols.map((c) => `e.${c} ${down ? 'DESC' : 'ASC'}`).join(', ')} LIMIT @n OFFSET @skip`;
    const seekParams = from ? Object.fromEntries(from.map((v, i) => [`k${i}`, v])) : {};
    return (cached(db, sql, 'raw').all({ ...params, ...seekParams, n, skip }) as unknown[][]).map((r) => ({ id: r[0] as string, keys: r.slice(1) as Keys }));
  };

  let start = nearest(positions, offset, limit, total);
  if (start.skip > ANCHOR_EVERY && !positions.anchored) {
    anchor(db, positions, cols, descending, filterSql, params);
    start = nearest(positions, offset, limit, total);
  }
  const rows = start.forward ? read(true, start.from, start.skip, limit) : read(false, start.from, start.skip, limit).reverse();
  if (rows.length > 0) {
    positions.at.set(offset, (rows[0] as { keys: Keys }).keys);
    positions.at.set(offset + rows.length - 1, (rows[rows.length - 1] as { keys: Keys }).keys);
  }
  return { total, ids: rows.map((r) => r.id) };
}

/** The closest place to start reading rows offset..offset+limit-1 from: a known row before them, or one after them read backwards. */
function nearest(positions: Positions, offset: number, limit: number, total: number): { forward: boolean; from: Keys | null; skip: number } {
  // The list's ends need no keys: before the first row, after the last.
  let best: { forward: boolean; from: Keys | null; skip: number } = { forward: true, from: null, skip: offset };
  const back = total - offset - limit;
  if (back < best.skip) best = { forward: false, from: null, skip: back };
  for (const [at, keys] of positions.at) {
    if (at < offset && offset - at - 1 < best.skip) best = { forward: true, from: keys, skip: offset - at - 1 };
    else if (at >= offset + limit && at - offset - limit < best.skip) best = { forward: false, from: keys, skip: at - offset - limit };
  }
  return best;
}

/** Keys of every ANCHOR_EVERY-th row, in one pass of the sort's index. */
function anchor(db: Db, positions: Positions, cols: string[], descending: boolean, filterSql: string, params: Record<string, unknown>): void {
  const order = cols.map((c) => `e.${c} ${descending ? 'DESC' : 'ASC'}`).join(', ');
  const rows = cached(
    db,
    `SELECT pos, ${cols.join(', ')} FROM (SELECT row_number() OVER (ORDER BY ${order}) - 1 AS pos, ${cols.map((c) => `e.${c}`).join(', ')} FROM event_rows e WHERE ${filterSql}) WHERE pos % ${ANCHOR_EVERY} = ${ANCHOR_EVERY - 1}`,
    'raw',
  ).all(params) as unknown[][];
  for (const r of rows) positions.at.set(r[0] as number, r.slice(1) as Keys);
  positions.anchored = true;
}
