import { createHash } from 'node:crypto';
import type { Annotation, AnyAttrs, Label } from '../../../shared/model';
import { cached, type Db } from './db';

/** What a revision is made of: the parts of an annotation an analyst edits. */
export interface RevisionContent {
  label: Label;
  /** UTF-16 offsets into the article's text, as stored. */
  start: number;
  end: number;
  note: string;
  attrs: AnyAttrs;
}

/**
 * A content revision: a hash of label, offsets, note and attributes (empty values dropped, keys
 * sorted, so storage order and absent-versus-null do not make two revisions of one content).
 * Offsets are UTF-16 into the text they index: two machines holding the same text compute the
 * same revision for the same content. 128 bits are plenty to tell an annotation's versions apart.
 */
export function revisionOf(c: RevisionContent): string {
  const attrs = Object.keys(c.attrs)
    .filter((k) => c.attrs[k] !== null && c.attrs[k] !== undefined && c.attrs[k] !== '')
    .sort()
    .map((k) => [k, c.attrs[k]]);
  return createHash('sha256')
    .update(JSON.stringify([c.label, c.start, c.end, c.note, attrs]), 'utf8')
    .digest('hex')
    .slice(0, 32);
}

export function historyOf(db: Db, id: string): Set<string> {
  return new Set(cached(db, 'SELECT revision FROM annotation_revisions WHERE annotation_id = ?', 'pluck').all(id) as string[]);
}

/** Histories of many annotations at once (a page of a bundle export), revisions sorted. */
export function historiesOf(db: Db, ids: readonly string[]): Map<string, string[]> {
  const rows = cached(db, 'SELECT annotation_id AS id, revision FROM annotation_revisions WHERE annotation_id IN (SELECT value FROM json_each(?)) ORDER BY annotation_id, revision').all(
    JSON.stringify(ids),
  ) as { id: string; revision: string }[];
  return group(rows.map((r) => [r.id, r.revision]));
}

export function addHistory(db: Db, id: string, revisions: Iterable<string>): void {
  const insert = cached(db, 'INSERT OR IGNORE INTO annotation_revisions (annotation_id, revision) VALUES (?, ?)');
  for (const revision of revisions) insert.run(id, revision);
}

/**
 * Called when an annotation's content changes: the old revision joins its history. History is the
 * past only, so a return to an earlier version (an undo) takes that revision out of it; a bundle
 * round trip then writes the same history it read.
 */
export function recordEdit(db: Db, before: RevisionContent, after: RevisionContent, id: string): void {
  const old = revisionOf(before);
  const next = revisionOf(after);
  if (old === next) return;
  addHistory(db, id, [old]);
  forgetRevision(db, id, next);
}

export function forgetRevision(db: Db, id: string, revision: string): void {
  cached(db, 'DELETE FROM annotation_revisions WHERE annotation_id = ? AND revision = ?').run(id, revision);
}

/**
 * The ids each annotation also answers to. An id that is live again (an undone delete whose
 * conflict copy had taken it over) is its own annotation's, not an alias: resolveId reads it so,
 * and a bundle must not hand it to the copy.
 */
export function aliasesOf(db: Db, ids: readonly string[]): Map<string, string[]> {
  const rows = cached(
    db,
    'SELECT annotation_id AS id, alias FROM annotation_aliases WHERE annotation_id IN (SELECT value FROM json_each(?)) AND alias NOT IN (SELECT id FROM annotations) ORDER BY annotation_id, alias',
  ).all(
    JSON.stringify(ids),
  ) as { id: string; alias: string }[];
  return group(rows.map((r) => [r.id, r.alias]));
}

/**
 * Makes `annotationId` answer to these ids too, unless one is an annotation of its own or still
 * names an annotation of another article (an alias of one there, or one deleted there): a claim
 * linked through that id there would otherwise lead into this article.
 */
export function addAliases(db: Db, annotationId: string, aliases: Iterable<string>): void {
  const live = cached(db, 'SELECT 1 FROM annotations WHERE id = ?');
  const elsewhere = cached(
    db,
    `SELECT 1 FROM annotations me WHERE me.id = @annotationId AND (
       EXISTS (SELECT 1 FROM annotation_aliases x JOIN annotations t ON t.id = x.annotation_id WHERE x.alias = @alias AND t.article_id <> me.article_id)
       OR EXISTS (SELECT 1 FROM annotation_tombstones s WHERE s.id = @alias AND s.article_id <> me.article_id))`,
  );
  const insert = cached(db, 'INSERT OR REPLACE INTO annotation_aliases (alias, annotation_id) VALUES (?, ?)');
  for (const alias of aliases) {
    if (alias === annotationId || live.get(alias) !== undefined || elsewhere.get({ annotationId, alias }) !== undefined) continue;
    insert.run(alias, annotationId);
  }
}

/** The annotation an id is an alias of, or null (whether or not a live annotation has that id too). */
export function aliasTargetOf(db: Db, alias: string): string | null {
  return (cached(db, 'SELECT annotation_id FROM annotation_aliases WHERE alias = ?', 'pluck').get(alias) as string | undefined) ?? null;
}

/** The live annotation id that one of these ids names: its own id first, then an alias. */
export function resolveId(db: Db, ids: readonly string[]): string | null {
  const live = cached(db, 'SELECT id FROM annotations WHERE id = ?', 'pluck');
  for (const id of ids) if (live.get(id) !== undefined) return id;
  const alias = cached(db, 'SELECT annotation_id FROM annotation_aliases WHERE alias = ?', 'pluck');
  for (const id of ids) {
    const target = alias.get(id) as string | undefined;
    if (target !== undefined) return target;
  }
  return null;
}

export interface Tombstone {
  id: string;
  articleId: string;
  revision: string;
}

export function tombstoneOf(db: Db, ids: readonly string[]): Tombstone | null {
  const select = cached(db, 'SELECT id, article_id AS articleId, revision FROM annotation_tombstones WHERE id = ?');
  for (const id of ids) {
    const row = select.get(id) as Tombstone | undefined;
    if (row) return row;
  }
  return null;
}

/**
 * Called before an annotation is deleted by the analyst (not when its article is). Three cases:
 * - it is the incoming copy of a conflict: the analyst kept the local version, which now has seen
 *   this one (its revisions join the local history), so importing the bundle again does not
 *   raise the conflict again;
 * - it has incoming copies: the analyst kept the (first) copy, which takes over its id as an
 *   alias and its history, and any other copies become conflicts of that one;
 * - otherwise it leaves a tombstone under its id and aliases, with its history, so the same
 *   version arriving in a bundle stays deleted.
 */
export function recordDeletion(db: Db, a: Annotation, at: string): void {
  const history = historyOf(db, a.id).add(revisionOf(a));
  if (a.conflictOf !== null && resolveId(db, [a.conflictOf]) === a.conflictOf) addHistory(db, a.conflictOf, history);
  const heir = cached(db, 'SELECT id FROM annotations WHERE conflict_of = ? ORDER BY created_at, id LIMIT 1', 'pluck').get(a.id) as string | undefined;
  if (heir !== undefined) {
    addHistory(db, heir, history);
    cached(db, 'UPDATE annotation_aliases SET annotation_id = ? WHERE annotation_id = ?').run(heir, a.id);
    cached(db, 'INSERT OR REPLACE INTO annotation_aliases (alias, annotation_id) VALUES (?, ?)').run(a.id, heir);
    cached(db, 'UPDATE annotations SET conflict_of = ? WHERE conflict_of = ? AND id <> ?').run(heir, a.id, heir);
    return;
  }
  const aliases = cached(db, 'SELECT alias FROM annotation_aliases WHERE annotation_id = ?', 'pluck').all(a.id) as string[];
  const bury = cached(db, 'INSERT OR REPLACE INTO annotation_tombstones (id, article_id, revision, deleted_at) VALUES (?, ?, ?, ?)');
  const revision = revisionOf(a);
  for (const id of [a.id, ...aliases]) {
    bury.run(id, a.articleId, revision, at);
    addHistory(db, id, history);
  }
}

/**
 * What a bundle merge knows about one article's annotations beyond their rows: revisions (of live
 * and deleted annotations), tombstones and aliases. Deleting the article deletes all of it, so an
 * undo must put it back, or a later merge would take the analyst's old edits for the other side's.
 */
export interface ArticleHistory {
  revisions: { id: string; revision: string }[];
  tombstones: { id: string; revision: string; deletedAt: string }[];
  aliases: { alias: string; id: string }[];
}

export function articleHistory(db: Db, articleId: string): ArticleHistory {
  return {
    revisions: cached(
      db,
      `SELECT annotation_id AS id, revision FROM annotation_revisions WHERE annotation_id IN
         (SELECT id FROM annotations WHERE article_id = @id UNION SELECT id FROM annotation_tombstones WHERE article_id = @id)
       ORDER BY annotation_id, revision`,
    ).all({ id: articleId }) as ArticleHistory['revisions'],
    tombstones: cached(db, 'SELECT id, revision, deleted_at AS deletedAt FROM annotation_tombstones WHERE article_id = ? ORDER BY id').all(
      articleId,
    ) as ArticleHistory['tombstones'],
    aliases: cached(
      db,
      'SELECT alias, annotation_id AS id FROM annotation_aliases WHERE annotation_id IN (SELECT id FROM annotations WHERE article_id = ?) ORDER BY alias',
    ).all(articleId) as ArticleHistory['aliases'],
  };
}

/**
 * Puts an article's history back under `articleId`. `heirs` maps each annotation id that came back
 * (to itself) or was found already present under another id (to that one); history of any other
 * id is left out, since a live annotation that holds it now has a history of its own. A tombstone
 * comes back unless its id is live again.
 */
export function restoreArticleHistory(db: Db, history: ArticleHistory, articleId: string, heirs: ReadonlyMap<string, string>): void {
  const live = cached(db, 'SELECT 1 FROM annotations WHERE id = ?');
  const buried = new Set<string>();
  const bury = cached(db, 'INSERT OR IGNORE INTO annotation_tombstones (id, article_id, revision, deleted_at) VALUES (?, ?, ?, ?)');
  for (const t of history.tombstones) {
    if (live.get(t.id) !== undefined) continue;
    bury.run(t.id, articleId, t.revision, t.deletedAt);
    buried.add(t.id);
  }
  const insert = cached(db, 'INSERT OR IGNORE INTO annotation_revisions (annotation_id, revision) VALUES (?, ?)');
  for (const r of history.revisions) {
    const heir = heirs.get(r.id) ?? (buried.has(r.id) ? r.id : undefined);
    if (heir !== undefined) insert.run(heir, r.revision);
  }
  const alias = cached(db, 'INSERT OR IGNORE INTO annotation_aliases (alias, annotation_id) VALUES (?, ?)');
  const add = (from: string, to: string) => from !== to && live.get(from) === undefined && alias.run(from, to);
  for (const a of history.aliases) {
    const heir = heirs.get(a.id);
    if (heir !== undefined) add(a.alias, heir);
  }
  // A deleted annotation whose span the article holds under another id now answers to its old id there.
  for (const [from, to] of heirs) add(from, to);
}

function group(pairs: [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
