import { openStore, type Db } from '../store/db';

// Few distinct values, missing ones among them, so most rows tie on their sort key and pages cut through ties.
export const DATES = [null, '2024', '2024-06', '2024-06-01', '2024-06-15', '2024-W23', '2024-08-31', '2025-01-02'];
export const TYPES = [null, 'Battles', 'Explosions/Remote violence', 'Protests'];
export const LOCATIONS = [null, 'Kharkiv', 'Odesa', 'Суми'];
export const SOURCES = [null, 'Daily Ledger', 'Harbour Wire', 'Вісті Острівки'];
export const ACTORS = ['Russia', 'Україна', 'РОСІЯ', 'Вооружённые силы'];

/**
 * A library of `events` events, four to an article, each with an actor in its role, written
 * straight into the tables: the Events table's tests read it in every order and filter.
 */
export function eventLibrary(file: string, events: number): Db {
  const d = openStore(file);
  const at = '2026-01-01T00:00:00.000Z';
  const article = d.prepare(`INSERT INTO articles (id, title, source, text, text_hash, imported_at, updated_at) VALUES (?, ?, ?, 'Someone struck.', ?, ?, ?)`);
  const annotation = d.prepare(`INSERT INTO annotations (id, article_id, label, start, "end", quote, attrs, created_at, updated_at) VALUES (?, ?, ?, 0, 7, ?, ?, ?, ?)`);
  const role = d.prepare(`INSERT INTO event_roles (event_id, role, span_id, article_id) VALUES (?, 'actor', ?, ?)`);
  d.transaction(() => {
    for (let i = 0; i < events; i++) {
      const articleId = `a${Math.floor(i / 4)}`;
      if (i % 4 === 0) article.run(articleId, `Report ${Math.floor(i / 12)}`, SOURCES[Math.floor(i / 4) % SOURCES.length], `h${i}`, at, at);
      const attrs: Record<string, string> = {};
      const date = DATES[(i * 7) % DATES.length];
      const type = TYPES[(i * 3) % TYPES.length];
      const location = LOCATIONS[(i * 5) % LOCATIONS.length];
      if (date) attrs.date = date;
      if (type) attrs.type = type;
      if (location) attrs.location = location;
      annotation.run(`e${i}`, articleId, 'event', 'struck', JSON.stringify(attrs), at, at);
      annotation.run(`s${i}`, articleId, 'actor', ACTORS[i % ACTORS.length], '{}', at, at);
      role.run(`e${i}`, `s${i}`, articleId);
    }
  })();
  return d;
}
