import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { insertArticle } from './articles';
import { insertAnnotation } from './annotations';
import { loadMigrations, openStore, schemaVersion, type Db } from './db';
import { assignIncident, ensureIncident } from './incidents';

const tmp = useTmpDir();

/** Each live event's incident as event_rows holds it, and as incident_events has it. */
const kept = (db: Db) => db.prepare('SELECT id, incident_id FROM event_rows ORDER BY id').all();
const truth = (db: Db) =>
  db.prepare('SELECT e.id, m.incident_id FROM event_rows e LEFT JOIN incident_events m ON m.event_id = e.id ORDER BY e.id').all();

function library(db: Db) {
  const events: { id: string; articleId: string }[] = [];
  for (let i = 0; i < 4; i++) {
    const article = insertArticle(db, { title: `Report ${i}`, source: null, url: null, author: null, publishedAt: null, language: 'en', text: `Shelling hit the depot ${i}.` });
    events.push({ id: insertAnnotation(db, { articleId: article.id, label: 'event', start: 0, end: 8, quote: 'Shelling', attrs: { date: `2025-0${i + 1}-02` } }).id, articleId: article.id });
  }
  return events;
}

describe('migration 0018', () => {
  it('gives the rows of a library made before it their incidents', () => {
    const file = join(tmp(), 'old.db');
    const old = openStore(file, { migrations: loadMigrations().slice(0, 17) });
    const events = library(old);
    const incident = ensureIncident(old, undefined);
    for (const e of events.slice(0, 2)) assignIncident(old, e.id, e.articleId, incident);
    old.close();

    const db = openStore(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(18);
    expect(kept(db).filter((r) => (r as { incident_id: string | null }).incident_id === incident)).toHaveLength(2);
    expect(kept(db)).toEqual(truth(db));
    db.close();
  });

  it('keeps them through joins, moves, ungrouping, deleted incidents, and an event deleted and put back', () => {
    const db = openStore(join(tmp(), 'new.db'));
    const events = library(db);
    const one = ensureIncident(db, undefined);
    const two = ensureIncident(db, undefined);
    const [a, b, c] = events as [(typeof events)[0], (typeof events)[0], (typeof events)[0]];
    assignIncident(db, a.id, a.articleId, one);
    assignIncident(db, b.id, b.articleId, one);
    assignIncident(db, c.id, c.articleId, two);
    expect(kept(db)).toEqual(truth(db));
    assignIncident(db, b.id, b.articleId, two);
    expect(kept(db)).toEqual(truth(db));
    assignIncident(db, a.id, a.articleId, null);
    expect(kept(db)).toEqual(truth(db));
    db.prepare('DELETE FROM incidents WHERE id = ?').run(two);
    expect(kept(db)).toEqual(truth(db));
    expect(kept(db).every((r) => (r as { incident_id: string | null }).incident_id === null)).toBe(true);

    // A membership outlives its event's deletion; the event put back is in its incident again.
    // `one` went with its last member: an incident of its own again.
    const three = ensureIncident(db, undefined);
    assignIncident(db, c.id, c.articleId, three);
    const row = db.prepare('SELECT * FROM annotations WHERE id = ?').get(c.id) as Record<string, unknown>;
    db.prepare('DELETE FROM annotations WHERE id = ?').run(c.id);
    expect(kept(db)).toEqual(truth(db));
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO annotations (${columns.join(', ')}) VALUES (${columns.map((k) => `@${k}`).join(', ')})`).run(row);
    expect(db.prepare('SELECT incident_id FROM event_rows WHERE id = ?').pluck().get(c.id)).toBe(three);
    expect(kept(db)).toEqual(truth(db));
    db.close();
  });
});
