import { join } from 'node:path';
import { exportCorpus } from '../export';
import { checkAnnotation, storeReferences } from '../services/annotation-invariants';
import { importBundle } from '../services/bundle';
import { requireArticle } from '../store/articles';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { resolveId } from '../store/revisions';

/**
 * What a library must satisfy after any accepted change: SQLite's own integrity and foreign key
 * checks, every annotation keeping the invariants (services/annotation-invariants.ts), and its
 * own bundle re-importing whole into a fresh library. Gives the problems found (empty: none).
 */
export async function libraryProblems(db: Db, scratchDir: string, name = 'check'): Promise<string[]> {
  const problems: string[] = [];
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 3).join('; ')}`);
  const foreign = db.pragma('foreign_key_check') as unknown[];
  if (foreign.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 3))}`);
  problems.push(...storeProblems(db));
  const out = join(scratchDir, `${name}.spanwise`);
  await exportCorpus(db, { format: 'bundle', out });
  const fresh = openStore(join(scratchDir, `${name}-fresh.db`));
  try {
    await importBundle(fresh, out);
    const count = (d: Db, table: string) => d.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (count(fresh, 'articles') !== count(db, 'articles')) problems.push(`the bundle re-imported ${count(fresh, 'articles')} articles of ${count(db, 'articles')}`);
    // Conflict copies that hold the same version are one version to a merge: counted once.
    const here = versionsOf(db);
    const there = versionsOf(fresh);
    if (there.size !== here.size) {
      // Named, so a failing fuzz case says which version the round trip lost or made up.
      const lost = [...here].filter((k) => !there.has(k)).slice(0, 3);
      const added = [...there].filter((k) => !here.has(k)).slice(0, 3);
      problems.push(`the bundle re-imported ${there.size} distinct annotations of ${here.size} (lost: ${lost.join(', ') || 'none'}; added: ${added.join(', ') || 'none'})`);
    }
  } catch (err) {
    problems.push(`the library's own bundle does not re-import: ${(err as Error).message}`);
  } finally {
    fresh.close();
  }
  return problems;
}

/**
 * The distinct versions of annotations as the analyst sees them: a claimant named through an alias
 * is the annotation the alias leads to, and one that names no live annotation (its actor deleted,
 * kept for an undo here, and not in a bundle) is no link at all.
 */
function versionsOf(db: Db): Set<string> {
  const rows = db
    .prepare('SELECT a.text_hash AS text, n.label, n.start, n."end", n.status, n.quote, n.note, n.attrs, n.conflict_of IS NULL AS root FROM annotations n JOIN articles a ON a.id = n.article_id')
    .all() as { attrs: string }[];
  return new Set(
    rows.map((r) => {
      const attrs = JSON.parse(r.attrs) as Record<string, unknown>;
      if (typeof attrs.claimantId === 'string') {
        const live = resolveId(db, [attrs.claimantId]);
        if (live === null) delete attrs.claimantId;
        else attrs.claimantId = live;
      }
      const sorted = Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : 1)));
      return JSON.stringify({ ...r, attrs: sorted }).slice(0, 400);
    }),
  );
}

/** What the store itself must satisfy: every annotation's invariants and every link inside its article. */
export function storeProblems(db: Db): string[] {
  return [...annotationProblems(db), ...linkProblems(db)];
}

/**
 * Live roles and incident memberships whose ends are not annotations of the article they are
 * filed under (a role to a deleted span stays unseen for an undo: only live ends are read).
 */
export function linkProblems(db: Db): string[] {
  const roles = db
    .prepare(
      `SELECT r.event_id, r.role, r.span_id, r.article_id FROM event_roles r
       JOIN annotations e ON e.id = r.event_id JOIN annotations s ON s.id = r.span_id
       WHERE e.article_id <> r.article_id OR s.article_id <> r.article_id LIMIT 10`,
    )
    .all() as { event_id: string; role: string; span_id: string; article_id: string }[];
  const members = db
    .prepare('SELECT m.event_id, m.incident_id FROM incident_events m JOIN annotations e ON e.id = m.event_id WHERE e.article_id <> m.article_id LIMIT 10')
    .all() as { event_id: string; incident_id: string }[];
  return [
    ...roles.map((r) => `role ${r.role} of event ${r.event_id}: ${r.span_id} and its event are not both annotations of article ${r.article_id}`),
    ...members.map((m) => `incident ${m.incident_id}: event ${m.event_id} is filed under another article than its own`),
  ];
}

/** Every stored annotation that breaks an invariant, with the reason. */
export function annotationProblems(db: Db): string[] {
  const problems: string[] = [];
  const refs = storeReferences(db);
  for (const id of db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[]) {
    const text = requireArticle(db, id).text;
    for (const a of listAnnotations(db, id)) {
      const checked = checkAnnotation(text, a, refs);
      if (!checked.ok) problems.push(checked.reason);
      else if (checked.value.quote !== a.quote) problems.push(`annotation ${a.id}: its quote is not the text at its offsets`);
    }
  }
  return problems;
}
