import { randomUUID } from 'node:crypto';
import type { Annotation, Article } from '../../../shared/model';
import { articleExists, findArticleIdByText, getArticle, insertArticle } from '../store/articles';
import { annotationExists, insertAnnotation, listAnnotations } from '../store/annotations';
import { cached, type Db } from '../store/db';
import { provenanceSnapshot, recordProvenance, recordSourceFile } from '../store/provenance';
import { listRemovedParts, recordRemovedParts, type StoredRemoval } from '../store/removed-parts';
import { articleHistory, restoreArticleHistory, type ArticleHistory } from '../store/revisions';
import { HandlerError } from './errors';
import { checkAnnotation, storeReferences, withBatch } from './annotation-invariants';
import { dropEmptyIncidents, keepEventLinks, restoreEventLinks, type EventLinks } from './trash-events';

interface DeletedSet {
  articles: Article[];
  annotations: Annotation[];
  /** Per deleted article: revisions, tombstones and aliases, which bundle merges rely on. */
  histories: Map<string, ArticleHistory>;
  /** Per deleted article: where it came from, with its original file's bytes (which go with its last article). */
  provenance: Map<string, NonNullable<ReturnType<typeof provenanceSnapshot>>>;
  /** The articles' event roles and incident memberships. */
  events?: EventLinks;
  /** Per deleted article: what its extraction removed (migration 0011). */
  removed?: Map<string, StoredRemoval[]>;
}

export interface RestoreResult {
  /** Articles back in the library, whether as themselves or merged into a copy imported since. */
  articles: number;
  /** Of those, how many went into a copy with the same text imported after the delete. */
  merged: number;
  /** Annotations put back. */
  annotations: number;
}

/**
 * Deleted articles kept for the session, so a delete can be undone. Between the delete and the
 * undo the analyst may import the same text again; the library holds each text once, so undoing
 * then puts the deleted article's annotations onto that copy (its own metadata stays as imported:
 * nothing the analyst did since is overwritten) rather than refusing the undo, which would lose
 * the annotations for good once the session ends.
 */
export function createTrash(db: Db) {
  const sets = new Map<string, DeletedSet>();

  function remove(ids: string[]): { articles: number; annotations: number; token: string } {
    return db.transaction(() => {
      const set: DeletedSet = { articles: [], annotations: [], histories: new Map(), provenance: new Map() };
      const remove = cached(db, 'DELETE FROM articles WHERE id = ?');
      // Read before the delete cascades them away.
      set.events = keepEventLinks(db, ids);
      for (const id of ids) {
        const article = getArticle(db, id);
        if (!article) continue;
        set.articles.push(article);
        set.annotations.push(...listAnnotations(db, id));
        set.histories.set(id, articleHistory(db, id));
        const provenance = provenanceSnapshot(db, id);
        if (provenance) set.provenance.set(id, provenance);
        const removed = listRemovedParts(db, id);
        if (removed.length > 0) (set.removed ??= new Map()).set(id, removed);
        remove.run(id);
      }
      dropEmptyIncidents(db);
      const token = randomUUID();
      sets.set(token, set);
      return { articles: set.articles.length, annotations: set.annotations.length, token };
    })();
  }

  function restore(token: string): RestoreResult {
    const set = sets.get(token);
    if (!set) throw new HandlerError('not_found', 'nothing to restore for that token (deletions are undoable only in the session that made them)');
    const result = db.transaction(() => {
      const target = new Map<string, string>();
      let merged = 0;
      for (const a of set.articles) {
        const copy = findArticleIdByText(db, a.text);
        if (copy) {
          target.set(a.id, copy);
          merged++;
          continue;
        }
        // A re-imported dataset may have given the deleted article's id to another text.
        const id = articleExists(db, a.id) ? randomUUID() : a.id;
        insertArticle(db, a, { id, importedAt: a.importedAt, updatedAt: a.updatedAt, originalText: a.originalText });
        target.set(a.id, id);
        const provenance = set.provenance.get(a.id);
        if (provenance) {
          recordSourceFile(db, provenance.file);
          recordProvenance(db, { ...provenance.record, articleId: id });
        }
        const removed = set.removed?.get(a.id);
        if (removed) recordRemovedParts(db, id, removed);
      }
      let annotations = 0;
      // The copy may carry the same spans under other ids (a brat pair gets new ones): not twice.
      const present = new Map<string, string>();
      for (const copy of new Set(set.articles.map((a) => target.get(a.id)).filter((id) => id !== undefined))) {
        for (const n of listAnnotations(db, copy)) present.set(spanKey(n), n.id);
      }
      // Where each deleted annotation's history goes: to itself restored, or to the copy's same span.
      const heirs = new Map<string, string>();
      const refs = withBatch(storeReferences(db));
      const texts = new Map<string, string>();
      const textOf = (articleId: string): string => {
        let text = texts.get(articleId);
        if (text === undefined) {
          text = getArticle(db, articleId)?.text ?? '';
          texts.set(articleId, text);
        }
        return text;
      };
      // Originals before their conflict copies, so a copy's link finds its target.
      const going: { n: Annotation; articleId: string }[] = [];
      for (const n of [...set.annotations].sort((x, y) => Number(x.conflictOf !== null) - Number(y.conflictOf !== null))) {
        const articleId = target.get(n.articleId) ?? n.articleId;
        // Already there: the copy imported since brought the same span with the same id.
        if (annotationExists(db, n.id)) continue;
        const same = present.get(spanKey({ ...n, articleId }));
        if (same !== undefined) {
          heirs.set(n.id, same);
          continue;
        }
        going.push({ n, articleId });
        heirs.set(n.id, n.id);
        // Known before any is checked, so a link to one restored after it holds.
        refs.add(n.id, articleId, n.label);
      }
      for (const { n, articleId } of going) {
        insertAnnotation(db, restorable(n, articleId, heirs, refs, textOf(articleId)));
        annotations++;
      }
      for (const a of set.articles) {
        const history = set.histories.get(a.id);
        const articleId = target.get(a.id);
        if (history && articleId !== undefined) restoreArticleHistory(db, history, articleId, heirs);
      }
      if (set.events) restoreEventLinks(db, set.events, (id) => target.get(id) ?? id, (id) => heirs.get(id) ?? id);
      return { articles: set.articles.length, merged, annotations };
    })();
    sets.delete(token);
    return result;
  }

  return { remove, restore };
}

/**
 * A deleted annotation as it goes back, through the invariants every write keeps
 * (annotation-invariants.ts). Its links follow the annotations they named to where those went
 * (themselves, or the same span on a copy imported since); a link that still cannot hold in the
 * article it goes back to is dropped, as an import drops one. Anything else that breaks an
 * invariant refuses the whole restore, with the reason, before anything is written.
 */
function restorable(n: Annotation, articleId: string, heirs: Map<string, string>, refs: ReturnType<typeof withBatch>, text: string): Annotation {
  const follow = (id: string) => heirs.get(id) ?? id;
  const claimant = typeof n.attrs.claimantId === 'string' ? follow(n.attrs.claimantId) : undefined;
  const candidate = {
    ...n,
    articleId,
    conflictOf: n.conflictOf !== null && refs.liveArticleOf(follow(n.conflictOf)) === articleId ? follow(n.conflictOf) : null,
    attrs: claimant !== undefined ? { ...n.attrs, claimantId: claimant } : n.attrs,
  };
  let checked = checkAnnotation(text, candidate, refs);
  if (!checked.ok && claimant !== undefined) {
    const { claimantId: _dropped, ...attrs } = candidate.attrs;
    checked = checkAnnotation(text, { ...candidate, attrs }, refs);
  }
  if (!checked.ok) throw new HandlerError('invalid_input', `the delete cannot be undone: ${checked.reason}`);
  return checked.value;
}

function spanKey(n: Pick<Annotation, 'articleId' | 'label' | 'start' | 'end' | 'note' | 'attrs'>): string {
  return JSON.stringify([n.articleId, n.label, n.start, n.end, n.note, n.attrs]);
}
