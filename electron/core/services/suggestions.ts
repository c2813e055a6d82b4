import { hash } from 'node:crypto';
import type { WordList } from '../../../shared/fold';
import type { Accepted, Suggestion } from '../../../shared/ipc/entities';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { insertAnnotation, listAnnotations } from '../store/annotations';
import { getArticle } from '../store/articles';
import type { Db } from '../store/db';
import { entityHeads, registryNames } from '../store/entities';
import { linkedEntityId, setLink } from '../store/entity-links';
import { saveUndo } from '../store/entity-undo';
import { isRejected, reject, rejectionsOf } from '../store/suggestion-rejections';
import { HandlerError } from './errors';
import { buildDictionary, findNames, type Dictionary, type NameMatch } from './name-matcher';

/**
 * Suggestions from the registry (DESIGN.md): its names and aliases found in an article, as
 * proposals. An actor name inside an unlinked actor span proposes linking that span; one outside
 * every actor span proposes tagging it; a place name inside an event span whose location is not
 * linked proposes it as the event's location (a place is never tagged as an actor). Nothing is
 * stored until accepted; a rejection is remembered for its mention.
 */
export interface Registry {
  dict: Dictionary;
  heads: ReturnType<typeof entityHeads>;
}

/** A snapshot of the registry's names, built once per article list or library-wide run. */
export function loadRegistry(db: Db): Registry {
  return { dict: buildDictionary(registryNames(db)), heads: entityHeads(db) };
}

/** A stable id from what the suggestion proposes. One-shot hashing: a library-wide pass makes hundreds of thousands. */
function suggestionId(s: Proposal): string {
  const digest = hash('sha256', JSON.stringify([s.articleId, s.start, s.end, s.entityId, s.action, s.annotationId]), 'hex');
  return `s${digest.slice(0, 31)}`;
}

/** A suggestion before its id: what a library-wide pass counts, prints and accepts, with no id needed. */
export type Proposal = Omit<Suggestion, 'id'>;

/** The article's suggestions against a registry snapshot, in text order, each with its id (what accept and reject name). */
export function suggestFor(db: Db, articleId: string, registry: Registry, text?: string, annotations?: readonly Annotation[]): Suggestion[] {
  return proposalsFor(db, articleId, registry, text, annotations).map((p) => {
    const s = p as Suggestion;
    s.id = suggestionId(p);
    return s;
  });
}

/** suggestFor without the ids, which cost a hash each. */
export function proposalsFor(db: Db, articleId: string, registry: Registry, text?: string, annotations?: readonly Annotation[], words?: WordList): Proposal[] {
  const body = text ?? getArticle(db, articleId)?.text;
  if (body === undefined) throw new HandlerError('not_found', `no article with id ${articleId}`);
  const matches = findNames(body, registry.dict, words);
  if (matches.length === 0) return [];
  const spans = (annotations ?? listAnnotations(db, articleId)).filter((a) => a.status === 'ok' && (a.label === 'actor' || a.label === 'event'));
  const rejections = rejectionsOf(db, articleId);
  const out: Proposal[] = [];
  const linking = new Set<string>();
  const add = (s: Proposal) => {
    if (!isRejected(rejections, { start: s.start, end: s.end, entityId: s.entityId, action: s.action, quote: s.text })) out.push(s);
  };
  for (const m of matches) {
    for (const n of m.names) {
      const head = registry.heads.get(n.entityId);
      if (!head) continue;
      if (n.kind === 'actor') {
        const actors = spans.length === 0 ? spans : spans.filter((a) => a.label === 'actor' && a.start < m.end && m.start < a.end);
        const around = actors.find((a) => a.start <= m.start && m.end <= a.end);
        if (around) {
          // One proposal per span: the first (longest) name inside it.
          if (linkedEntityId(around) === null && !linking.has(around.id)) {
            linking.add(around.id);
            add(proposal(articleId, m, n.entityId, head, 'link', around.id));
          }
        } else if (actors.length === 0) {
          add(proposal(articleId, m, n.entityId, head, 'tag', null));
        }
      } else {
        const event = spans.find((a) => a.label === 'event' && a.start <= m.start && m.end <= a.end && linkedEntityId(a) === null && !linking.has(a.id));
        if (event) {
          linking.add(event.id);
          add(proposal(articleId, m, n.entityId, head, 'link', event.id));
        }
      }
    }
  }
  return out;
}

/** One proposal, its fields in the order the contract lists them (the id is added last). */
function proposal(
  articleId: string,
  m: NameMatch,
  entityId: string,
  head: { name: string; kind: Suggestion['entityKind'] },
  action: Suggestion['action'],
  annotationId: string | null,
): Proposal {
  return { articleId, start: m.start, end: m.end, text: m.text, entityId, entityName: head.name, entityKind: head.kind, action, annotationId };
}

/** What undoing an acceptance needs: the annotations made, and the links set with the attributes filled in. */
export interface AcceptUndo {
  created: string[];
  linked: { annotationId: string; entityId: string; filled: string[] }[];
}

/** Applies suggestions (already computed against the current text); no transaction of its own. */
export function applySuggestions(db: Db, suggestions: readonly Proposal[], registry: Registry, author: string, undo: AcceptUndo): { created: Annotation[]; linked: Annotation[] } {
  const created: Annotation[] = [];
  const linked: Annotation[] = [];
  const annotations = new Map<string, Annotation[]>();
  for (const s of suggestions) {
    const head = registry.heads.get(s.entityId);
    if (!head) continue;
    if (s.action === 'tag') {
      const attrs: AnyAttrs = { canonicalName: head.name, entityId: s.entityId, ...(head.actorKind ? { kind: head.actorKind } : {}) };
      const a = insertAnnotation(db, { articleId: s.articleId, label: 'actor', start: s.start, end: s.end, quote: s.text, attrs, author });
      created.push(a);
      undo.created.push(a.id);
      continue;
    }
    const list = annotations.get(s.articleId) ?? listAnnotations(db, s.articleId);
    annotations.set(s.articleId, list);
    const target = list.find((a) => a.id === s.annotationId);
    if (!target || linkedEntityId(target) !== null) continue;
    const extra: AnyAttrs = {};
    if (target.label === 'actor') {
      if (!target.attrs.canonicalName) extra.canonicalName = head.name;
      if (!target.attrs.kind && head.actorKind) extra.kind = head.actorKind;
    } else if (!target.attrs.location) {
      extra.location = head.name;
    }
    const after = setLink(db, target.id, s.entityId, extra);
    Object.assign(target, after);
    linked.push(after);
    undo.linked.push({ annotationId: target.id, entityId: s.entityId, filled: Object.keys(extra) });
  }
  return { created, linked };
}

/** Accepts the article's suggestions with these ids (all of them with null) as one undoable step. */
export function acceptSuggestions(db: Db, articleId: string, ids: readonly string[] | null, author: string): Accepted {
  return db.transaction(() => {
    const registry = loadRegistry(db);
    const current = suggestFor(db, articleId, registry);
    let chosen = current;
    if (ids) {
      const byId = new Map(current.map((s) => [s.id, s]));
      const stale = ids.filter((id) => !byId.has(id));
      if (stale.length > 0) throw new HandlerError('conflict', `${stale.length} suggestion(s) are no longer proposed (the text, its annotations or the registry changed): ${stale.slice(0, 5).join(', ')}`);
      chosen = ids.map((id) => byId.get(id) as Suggestion);
    }
    const undo: AcceptUndo = { created: [], linked: [] };
    const done = applySuggestions(db, chosen, registry, author, undo);
    return { ...done, token: saveUndo(db, 'accept', undo) };
  })();
}

export function rejectSuggestions(db: Db, articleId: string, ids: readonly string[], author: string): { rejected: number } {
  return db.transaction(() => {
    const byId = new Map(suggestFor(db, articleId, loadRegistry(db)).map((s) => [s.id, s]));
    const stale = ids.filter((id) => !byId.has(id));
    if (stale.length > 0) throw new HandlerError('conflict', `${stale.length} suggestion(s) are no longer proposed: ${stale.slice(0, 5).join(', ')}`);
    for (const id of ids) {
      const s = byId.get(id) as Suggestion;
      reject(db, articleId, { start: s.start, end: s.end, entityId: s.entityId, action: s.action, quote: s.text }, author);
    }
    return { rejected: ids.length };
  })();
}
