import { cached, type Db } from './db';

/**
 * What the library's state is, for answers kept between calls (the Events table's counts and
 * positions, the Timeline's counts): any commit on this connection or on another one changes it.
 */
export function libraryVersion(db: Db): string {
  const changes = cached(db, 'SELECT total_changes()', 'pluck').get() as number;
  return `${db.pragma('data_version', { simple: true }) as number}:${changes}`;
}

/** Keeps the newest `most` entries of a map (a Map iterates in insertion order) and returns `value`. */
export function keepNewest<V>(map: Map<string, V>, name: string, value: V, most: number): V {
  map.delete(name);
  map.set(name, value);
  for (const old of map.keys()) {
    if (map.size <= most) break;
    map.delete(old);
  }
  return value;
}
