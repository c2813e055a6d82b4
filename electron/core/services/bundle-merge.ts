import { randomUUID } from 'node:crypto';
import { parseAttrs, type AnyAttrs, type Label } from '../../../shared/model';
import type { BundleAnnotation, BundleArticle } from '../export/bundle';
import { codePointText } from '../export/spans';
import { insertArticle, textHash } from '../store/articles';
import { annotationExists, insertAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { getProvenance, recordCarriedProvenance } from '../store/provenance';
import type { ExportAnnotation } from '../store/export';
import {
  annotationsAt,
  annotationWithConflict,
  applyIncomingVersion,
  articleById,
  articleByOriginalText,
  articleByTextHash,
  conflictCopies,
  setAttrs,
  type MergeArticle,
} from '../store/merge';
import { checkAnnotation, claimantRetagProblem, storeReferences } from './annotation-invariants';
import { emptyEventLinksReport, mergeEventLinks } from './bundle-events';
import { emptyResolutionsReport, mergeResolutions } from './bundle-figures';
import { BundleMergeError, type BundleImportReport } from './bundle-report';
import { addAliases, addHistory, forgetRevision, historyOf, resolveId, revisionOf, tombstoneOf } from '../store/revisions';

/**
 * The local article an incoming one is, in this order: the same text; the same id with the same
 * text as first imported; or, when one side has corrected the text, the same text as first
 * imported on either side. Hashes are computed from the texts, never taken from the bundle.
 */
function findLocal(db: Db, incoming: BundleArticle): MergeArticle | null {
  const sameText = articleByTextHash(db, textHash(incoming.text));
  if (sameText) return sameText;
  const firstText = (a: { text: string; originalText: string | null }) => a.originalText ?? a.text;
  const sameId = articleById(db, incoming.id);
  if (sameId && firstText(sameId) === (incoming.original_text ?? incoming.text)) return sameId;
  if (incoming.original_text !== null) {
    // They corrected it; this store has it as imported.
    const uncorrected = articleByTextHash(db, textHash(incoming.original_text));
    if (uncorrected) return uncorrected;
  }
  // This store corrected it (and they, perhaps differently).
  return articleByOriginalText(db, incoming.text) ?? (incoming.original_text !== null ? articleByOriginalText(db, incoming.original_text) : null);
}

/**
 * `claimed` holds the local articles earlier lines of the same bundle went into: a bundle holds
 * each of its library's articles once, so two of its lines are never one article here (one whose
 * text is the other's text as first imported is its own article, not a correction of it).
 */
export function mergeArticle(db: Db, incoming: BundleArticle, author: string | undefined, report: BundleImportReport, claimed: Set<string> = new Set()): void {
  let local = findLocal(db, incoming);
  if (local && claimed.has(local.id) && local.text !== incoming.text) local = null;
  if (local) {
    report.articlesMatched++;
  } else {
    const id = articleById(db, incoming.id) ? randomUUID() : incoming.id;
    const hash = textHash(incoming.text);
    const draft = { title: incoming.title, source: incoming.source, url: incoming.url, author: incoming.author, publishedAt: incoming.published_at, language: incoming.language, text: incoming.text };
    insertArticle(db, draft, { id, hash, originalText: incoming.original_text, importedAt: incoming.imported_at, updatedAt: incoming.updated_at });
    local = { id, text: incoming.text, originalText: incoming.original_text, textHash: hash };
    report.articlesAdded++;
  }
  claimed.add(local.id);
  if (incoming.original) keepProvenance(db, local.id, incoming.original);
  // Originals before conflict copies, so a copy can find the annotation it is a version of.
  const ordered = [...incoming.annotations].sort((a, b) => Number(a.conflict_of !== null) - Number(b.conflict_of !== null));
  const merger = new AnnotationMerger(db, incoming.text, incoming.annotations, local, author, report);
  for (const x of ordered) merger.merge(x);
  merger.settleLinks();
  mergeEventLinks(db, incoming, local.id, (id) => merger.localId(id), (report.events ??= emptyEventLinksReport()));
  mergeResolutions(db, incoming, local.id, (id) => merger.localId(id), (report.resolutions ??= emptyResolutionsReport()));
}

/**
 * Where the article came from travels with it: a bundle carries the original file's hash, name,
 * importer, who and when, not its bytes, so the library learns the hash (a later import of the
 * same file is recognised) and shows the rest. An article that already says where it came from
 * keeps what it says.
 */
function keepProvenance(db: Db, articleId: string, original: NonNullable<BundleArticle['original']>): void {
  if (getProvenance(db, articleId)) return;
  recordCarriedProvenance(db, articleId, original, null);
}

/** The sender's versions of one annotation: its current revisions and those their histories hold. */
interface Family {
  current: Set<string>;
  passed: Set<string>;
}

interface Content {
  label: Label;
  start: number;
  end: number;
  note: string;
  attrs: AnyAttrs;
  status: 'ok' | 'orphaned';
}

/**
 * Merges one article's incoming annotations. Each comparison is three-way in effect: an incoming
 * version carries the revisions it has passed through, the local one has its own history, so
 * - the same content, or an incoming revision the local history holds: nothing to do;
 * - the local revision in the incoming history: only the other side edited it; take its version;
 * - neither: both sides edited it; keep the local one and store the incoming one beside it as a
 *   conflict copy (conflict_of), for the analyst to choose.
 * An annotation deleted here stays deleted when the incoming version is one the deleted one had
 * passed through, and comes back (reported) when the other side changed it since. What each side
 * has seen is merged into the local history, so the same bundle imported again changes nothing.
 */
class AnnotationMerger {
  private readonly placed = new Map<string, string>();
  /** Local ids this merge inserted or changed, checked against the invariants once the article is done. */
  private readonly written = new Set<string>();
  private readonly place: (x: BundleAnnotation) => { start: number; end: number; quote: string } | null;
  private readonly toUtf16: (cp: number) => number;
  /** Where a local annotation lies in the incoming text (UTF-16), when either side corrected the text. */
  private readonly inIncoming: (a: ExportAnnotation) => { start: number; end: number } | null;
  /** The ids (and aliases) the incoming article's annotations carry. */
  private readonly incomingIds: Set<string>;
  /** Per incoming original (by id): what the sender's versions of it, conflict copies included, hold and have passed. */
  private readonly families: Map<string, Family>;

  constructor(
    private readonly db: Db,
    incomingText: string,
    incoming: readonly BundleAnnotation[],
    private readonly local: MergeArticle,
    private readonly author: string | undefined,
    private readonly report: BundleImportReport,
  ) {
    this.incomingIds = new Set(incoming.flatMap((x) => [x.id, ...x.aliases]));
    this.place = makePlacer(incomingText, local.text);
    this.toUtf16 = codePointText(incomingText).toUtf16;
    this.families = new Map();
    for (const x of incoming) {
      const family = this.families.get(x.conflict_of ?? x.id) ?? { current: new Set(), passed: new Set() };
      // As merge() computes a version's revision: with the links it keeps (linkable), so a copy
      // stored here without a link the bundle could not carry is still a version the sender holds.
      family.current.add(revisionOf({ ...x, attrs: this.linkable(canonicalAttrs(x.label, x.attrs), x), start: this.toUtf16(x.start), end: this.toUtf16(x.end) }));
      for (const r of x.history) family.passed.add(r);
      this.families.set(x.conflict_of ?? x.id, family);
    }
    this.inIncoming = (a) => (incomingText === local.text || a.status === 'orphaned' ? null : placeQuote(local.text, incomingText, a.start, a.end));
  }

  /** The local annotation an incoming one is now, or null when it did not come in (kept deleted, not placed). */
  localId(incomingId: string): string | null {
    return this.placed.get(incomingId) ?? null;
  }

  merge(x: BundleAnnotation): void {
    const at = this.place(x);
    if (!at) {
      this.report.unplaced.push({ articleId: this.local.id, annotationId: x.id, quote: x.quote });
      return;
    }
    const content: Content = { label: x.label, start: at.start, end: at.end, note: x.note, attrs: this.linkable(canonicalAttrs(x.label, x.attrs), x), status: x.status };
    // The revision the sender computed for this version: its offsets in the sender's text.
    const revision = revisionOf({ ...content, start: this.toUtf16(x.start), end: this.toUtf16(x.end) });
    const seen = new Set([...x.history, revision]);
    const ids = [x.id, ...x.aliases];
    const liveId = resolveId(this.db, ids);
    const live = liveId ? annotationWithConflict(this.db, liveId) : null;

    if (live && live.articleId === this.local.id) {
      this.placed.set(x.id, live.id);
      addAliases(this.db, live.id, ids);
      this.mergeInto(live, x, content, at.quote, revision, seen);
      return;
    }
    const tombstone = live ? null : tombstoneOf(this.db, ids);
    if (tombstone && tombstone.articleId === this.local.id) {
      const history = historyOf(this.db, tombstone.id).add(tombstone.revision);
      if (history.has(revision)) {
        this.report.annotationsKeptDeleted++;
        return;
      }
      const id = this.insert(x, content, at.quote, null, [...seen, ...history]);
      this.report.revived.push({ articleId: this.local.id, annotationId: id, quote: at.quote });
      return;
    }
    // A conflict copy made on the other machine: skip it when this store already holds that version.
    const originalId = x.conflict_of ? resolveId(this.db, [this.placed.get(x.conflict_of) ?? x.conflict_of]) : null;
    const original = originalId ? annotationWithConflict(this.db, originalId) : null;
    if (original && original.articleId === this.local.id) {
      const family = x.conflict_of ? this.families.get(x.conflict_of) : undefined;
      if (this.holds(original, content, revision, family)) {
        this.learn(original, seen);
        this.report.annotationsUnchanged++;
        return;
      }
      if (this.mergeIntoCopies(original.id, x, content, at.quote, revision, seen, undefined, family)) return;
      this.insert(x, content, at.quote, original.id, seen);
      this.report.annotationsAdded++;
      return;
    }
    if (live) {
      // The id belongs to an annotation of another article; the same annotation may already have
      // been added under a new id by an earlier import of this bundle.
      const authorOf = x.author || this.author || '';
      const same = annotationsAt(this.db, this.local.id, content.label, content.start, content.end).find((a) => sameContent(a, content) && a.author === authorOf);
      if (same) {
        this.placed.set(x.id, same.id);
        this.report.annotationsUnchanged++;
        return;
      }
    }
    this.insert(x, content, at.quote, null, seen);
    this.report.annotationsAdded++;
  }

  /**
   * A claimant link names an annotation of the sender's article. It is kept when that annotation
   * comes in the same article (settleLinks points it at the local id it got) or is one of this
   * article's here; otherwise it names nothing in this article and is dropped (the free-text
   * claimant stays), so no link ever reaches into another article.
   */
  private linkable(attrs: AnyAttrs, x: BundleAnnotation): AnyAttrs {
    const target = attrs.claimantId;
    if (typeof target !== 'string' || this.incomingIds.has(target)) return attrs;
    const refs = storeReferences(this.db);
    if ((refs.liveArticleOf(target) ?? refs.formerArticleOf(target)) === this.local.id && target !== x.id) return attrs;
    const { claimantId: _dropped, ...rest } = attrs;
    return rest;
  }

  /**
   * After the article's annotations are in: links to annotations that came under a new local id
   * follow them, then everything this merge wrote is checked (a bundle that would leave the
   * library inconsistent is refused whole: the merge is one transaction).
   */
  settleLinks(): void {
    const refs = storeReferences(this.db);
    const here = (id: string | null | undefined): id is string => typeof id === 'string' && refs.liveArticleOf(id) === this.local.id;
    for (const id of this.written) {
      const a = annotationWithConflict(this.db, id);
      const target = a?.attrs.claimantId;
      if (!a || typeof target !== 'string' || !this.incomingIds.has(target)) continue;
      const placed = [this.placed.get(target), resolveId(this.db, [target])].find(here);
      if (placed === target) continue;
      if (placed === undefined && refs.formerArticleOf(target) === this.local.id) continue;
      const { claimantId: _old, ...rest } = a.attrs;
      setAttrs(this.db, id, placed !== undefined && placed !== id ? { ...rest, claimantId: placed } : rest);
    }
    for (const id of this.written) {
      const a = annotationWithConflict(this.db, id);
      if (!a) continue;
      const checked = checkAnnotation(this.local.text, a, refs);
      if (!checked.ok) throw new BundleMergeError(`article ${this.local.id}: ${checked.reason}`);
      const retag = claimantRetagProblem(this.db, a);
      if (retag) throw new BundleMergeError(`article ${this.local.id}: ${retag}`);
    }
  }

  private mergeInto(local: ExportAnnotation, x: BundleAnnotation, content: Content, quote: string, revision: string, seen: Set<string>): void {
    if (this.holds(local, content, revision)) {
      this.learn(local, seen);
      this.report.annotationsUnchanged++;
      return;
    }
    const localRevision = revisionOf(local);
    // A correction of the text moves annotations without editing them: the local version the other
    // side has seen may lie at other offsets in its text.
    const there = this.inIncoming(local);
    if (seen.has(localRevision) || (there !== null && seen.has(revisionOf({ ...local, ...there })))) {
      this.fastForward(local.id, x, content, quote, seen);
      this.report.annotationsUpdated++;
      return;
    }
    // Conflicts hang off the local original, never off another copy.
    const root = local.conflictOf ?? local.id;
    if (this.mergeIntoCopies(root, x, content, quote, revision, seen, local.id)) return;
    const copyId = this.insert(x, content, quote, root, seen, false);
    this.report.conflicts.push({ articleId: this.local.id, localId: root, copyId, label: content.label });
  }

  /**
   * Whether a conflict copy of `rootId` already is, or has moved past, or is behind this version;
   * false when none is. With the sender's `family`, a copy the sender still holds as it is here is
   * not behind another of its versions.
   */
  private mergeIntoCopies(rootId: string, x: BundleAnnotation, content: Content, quote: string, revision: string, seen: Set<string>, except?: string, family?: Family): boolean {
    for (const copy of conflictCopies(this.db, rootId)) {
      if (copy.id === except) continue;
      if (this.holds(copy, content, revision, family)) {
        this.learn(copy, seen);
        this.report.annotationsUnchanged++;
        return true;
      }
      if (seen.has(revisionOf(copy)) && !family?.current.has(revisionOf(copy))) {
        this.fastForward(copy.id, x, content, quote, seen);
        this.report.annotationsUpdated++;
        return true;
      }
    }
    return false;
  }

  /**
   * The local annotation has this version already: same content here, or a revision it has
   * passed, as the sender computed it or at the offsets it has in this text (the local history
   * of an annotation a correction moved holds it where it was before).
   * A history that has passed an incoming conflict copy's version says the copy is behind, unless
   * the sender's versions of that annotation (its `family`) had passed it too and the sender kept
   * the copy anyway: then the copy is a version left open there, and a library re-importing its
   * own bundle would otherwise lose it.
   */
  private holds(a: ExportAnnotation, content: Content, revision: string, family?: Family): boolean {
    if (sameContent(a, content) || revisionOf(a) === revision) return true;
    if (family?.passed.has(revision)) return false;
    const history = historyOf(this.db, a.id);
    return history.has(revision) || history.has(revisionOf(content));
  }

  /**
   * What the other side's version has passed through joins the local history, so importing the
   * same bundle again, or a later one built on it, finds it. A row's own current revision is never
   * in its history (history is the past), which keeps a bundle round trip byte for byte.
   */
  private learn(a: ExportAnnotation, seen: Iterable<string>, current = revisionOf(a)): void {
    addHistory(this.db, a.id, [...seen].filter((r) => r !== current));
  }

  private fastForward(id: string, x: BundleAnnotation, content: Content, quote: string, seen: Set<string>): void {
    const before = annotationWithConflict(this.db, id);
    applyIncomingVersion(this.db, id, { ...content, quote, updatedAt: x.updated_at });
    this.written.add(id);
    const after = annotationWithConflict(this.db, id);
    if (!before || !after) return;
    this.learn(after, [...seen, revisionOf(before)]);
    forgetRevision(this.db, id, revisionOf(after));
  }

  /**
   * Adds the incoming version as an annotation; keeps its id unless taken here or still naming an
   * annotation of another article (an alias of one there, or one deleted there: links through it
   * there must not come to lead here). A conflict copy of ours always gets a new one.
   */
  private insert(x: BundleAnnotation, content: Content, quote: string, conflictOf: string | null, seen: Iterable<string>, keepId = true): string {
    const former = storeReferences(this.db).formerArticleOf(x.id);
    const id = keepId && !annotationExists(this.db, x.id) && (former === null || former === this.local.id) ? x.id : randomUUID();
    insertAnnotation(this.db, {
      id,
      articleId: this.local.id,
      ...content,
      quote,
      author: x.author || this.author || '',
      createdAt: x.created_at,
      updatedAt: x.updated_at,
      conflictOf,
    });
    this.written.add(id);
    const current = revisionOf(content);
    addHistory(
      this.db,
      id,
      [...seen].filter((r) => r !== current),
    );
    // A conflict copy is a version of a local annotation, not the annotation those ids name.
    if (conflictOf === null) {
      addAliases(this.db, id, [x.id, ...x.aliases]);
      this.placed.set(x.id, id);
    }
    return id;
  }
}

function canonicalAttrs(label: Label, attrs: AnyAttrs): AnyAttrs {
  const parsed = parseAttrs(label, attrs);
  return parsed.ok ? parsed.attrs : attrs;
}

function sameContent(a: ExportAnnotation, c: Content): boolean {
  return a.label === c.label && a.start === c.start && a.end === c.end && a.note === c.note && a.status === c.status && revisionOf(a) === revisionOf(c);
}

/**
 * Where an incoming annotation goes in the local text (UTF-16). With the same text, at its own
 * offsets. When the text was corrected on one side, at the same offsets if the quoted text is
 * still there, else at the one place the quote occurs; null when it occurs nowhere or more than
 * once, rather than guess.
 */
function makePlacer(incomingText: string, localText: string) {
  const cp = codePointText(incomingText);
  return (x: BundleAnnotation): { start: number; end: number; quote: string } | null => {
    const start = cp.toUtf16(x.start);
    const end = cp.toUtf16(x.end);
    // A live annotation's quote is read from the text, never taken from the file.
    if (incomingText === localText) return { start, end, quote: x.status === 'ok' ? localText.slice(start, end) : x.quote };
    if (x.status === 'orphaned') {
      const at = Math.min(start, localText.length);
      return { start: at, end: at, quote: x.quote };
    }
    const at = placeQuote(incomingText, localText, start, end);
    return at && { ...at, quote: localText.slice(at.start, at.end) };
  };
}

/** Where the text at `start`-`end` of one text is in another (UTF-16): the same offsets, else its one occurrence. */
function placeQuote(from: string, to: string, start: number, end: number): { start: number; end: number } | null {
  const quote = from.slice(start, end);
  if (to.slice(start, end) === quote) return { start, end };
  const found = to.indexOf(quote);
  if (found < 0 || to.indexOf(quote, found + 1) >= 0) return null;
  return { start: found, end: found + quote.length };
}
