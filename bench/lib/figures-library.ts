import type { Db } from '../../electron/core/store/db';

/**
 * A library for the figures suite, built straight in SQL so a million figures take minutes:
 * articles with one event each, `perArticle` figures given to the event (five counts in turn, so
 * each article compares two figures of most counts), and incidents of three articles each, whose
 * figures of one count then come from three reports. The triggers of migration 0012 run as they
 * do for the app's writes, so the library ends with every scope dirty, as an upgrade leaves it.
 * Returns some figure ids, spread over the library, for the one-figure changes.
 */
export function buildFiguresLibrary(db: Db, articles: number, perArticle: number, onProgress?: (done: number) => void): string[] {
  const now = '2026-01-01T00:00:00.000Z';
  const article = db.prepare('INSERT INTO articles (id, title, text, text_hash, imported_at, updated_at, source, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const annotation = db.prepare('INSERT INTO annotations (id, article_id, label, start, "end", quote, attrs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const role = db.prepare(`INSERT INTO event_roles (event_id, role, span_id, article_id, position) VALUES (?, 'figure', ?, ?, ?)`);
  const incident = db.prepare('INSERT INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?)');
  const member = db.prepare('INSERT INTO incident_events (event_id, incident_id, article_id) VALUES (?, ?, ?)');
  const counts = ['killed', 'injured', 'intercepted', 'launched', 'arrested'];
  const qualifiers = ['exact', 'exact', 'approximate', 'at least', 'at most'];
  const sample: string[] = [];
  const every = Math.max(1, Math.floor((articles * perArticle) / 10_000));
  let seed = 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `a${String(i).padStart(7, '0')}`;
      const text = `Report ${i}\n\nDrones attacked overnight; officials gave counts of the dead and the wounded.`;
      article.run(id, `Report ${i}`, text, `h${i}`, now, now, `Source ${i % 50}`, `2024-11-${String(1 + (i % 28)).padStart(2, '0')}`);
      const eventId = `${id}-e`;
      annotation.run(eventId, id, 'event', 12, 30, 'Drones attacked ov', '{}', now, now);
      const incidentId = `i${i - (i % 3)}`;
      if (i % 3 === 0) incident.run(incidentId, now, now);
      member.run(eventId, incidentId, id);
      for (let k = 0; k < perArticle; k++) {
        const figureId = `${id}-f${k}`;
        const value = 50 + Math.floor(rand() * 40);
        const attrs = { value, unit: 'drone', counts: counts[k % counts.length], qualifier: qualifiers[Math.floor(rand() * qualifiers.length)] };
        annotation.run(figureId, id, 'figure', 0, 6, 'Report', JSON.stringify(attrs), now, now);
        role.run(eventId, figureId, id, k);
        if ((i * perArticle + k) % every === 0) sample.push(figureId);
      }
    }
  });
  const step = 5000;
  for (let i = 0; i < articles; i += step) {
    batch(i, Math.min(articles, i + step));
    onProgress?.(Math.min(articles, i + step));
  }
  return sample;
}
