import type { SuggestSummary } from '../../../shared/ipc/entities';
import { articleTotal } from '../store/article-scan';
import type { Db } from '../store/db';
import { saveUndo } from '../store/entity-undo';
import { articleText, changedKeysSince, finishScans, registryVersion, saveScan, scanPage, scanState, storedProposals, type ScanPageRow } from '../store/suggestion-scans';
import { scanText } from './name-matcher';
import { decodeProposals, encodeProposals, encodeWords, MATCHER_VERSION, touchedBy } from './suggest-scan';
import { applySuggestions, loadRegistry, proposalsFor, type AcceptUndo, type Proposal, type Registry } from './suggestions';

export interface SuggestRun {
  /** Accept every suggestion as it is found (each article in its own transaction, one undo token for all). */
  accept?: boolean;
  author: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Each article's suggestions as found (before any are accepted): what the command prints. */
  onArticle?: (article: { id: string; text: string }, suggestions: readonly Proposal[]) => void;
}

/** Articles read and handled in one transaction, between two yields to the event loop (so progress polls and a cancel get through). */
const SLICE = 50;

interface Plan {
  registry: Registry;
  version: number;
  /** Whether a stored scan is stale; null when none may be used. */
  stale: ((words: Buffer) => boolean) | null;
}

/** The registry snapshot and which stored scans it leaves good, read together. */
function plan(db: Db): Plan {
  return db.transaction((): Plan => {
    const registry = loadRegistry(db);
    const version = registryVersion(db);
    const state = scanState(db);
    if (!state || state.matcher !== MATCHER_VERSION) return { registry, version, stale: null };
    return { registry, version, stale: touchedBy(changedKeysSince(db, state.version, version).map((c) => c.key)) };
  })();
}

/**
 * Suggestions across the whole library, against one snapshot of the registry taken at the start.
 * Reads the library a slice at a time (never all texts at once) and scans only the articles
 * whose last scan is missing or stale (suggest-scan.ts); the others' stored proposals stand, and
 * their texts are read only when the caller wants them.
 */
export async function suggestLibrary(db: Db, run: SuggestRun): Promise<SuggestSummary> {
  const { registry, version, stale } = plan(db);
  const total = articleTotal(db);
  const undo: AcceptUndo = { created: [], linked: [] };
  const byArticle: SuggestSummary['byArticle'] = [];
  let suggestions = 0;
  let created = 0;
  let linked = 0;
  let done = 0;
  let after = 0;
  let token: string | null = null;
  let cancelled = false;
  const finishUndo = () => {
    if (run.accept && token === null && (undo.created.length > 0 || undo.linked.length > 0)) token = saveUndo(db, 'accept', undo);
  };

  /** One article's proposals: its stored scan's, or a scan made now (and stored). */
  const proposalsOf = (row: ScanPageRow): { found: readonly Proposal[] | number; text: string | null } => {
    if (stale && row.words !== null && row.count !== null && !stale(row.words)) {
      if (row.count === 0) return { found: 0, text: null };
      if (!run.onArticle && !run.accept) return { found: row.count, text: null };
      const json = storedProposals(db, row.id);
      const found = json === null ? null : decodeProposals(row.id, json, registry);
      if (found) return { found, text: run.onArticle ? articleText(db, row.rowid) : null };
    }
    const text = row.text ?? articleText(db, row.rowid);
    const words = scanText(text);
    const found = proposalsFor(db, row.id, registry, text, undefined, words);
    saveScan(db, row.id, { count: found.length, words: encodeWords(text, words), proposals: encodeProposals(found) });
    return { found, text };
  };

  // A slice's counts and undo entries are taken only once it is committed: a failure rolls it back whole.
  const slice = db.transaction((from: number) => {
    const page = scanPage(db, from, SLICE);
    const got = { last: from, done: 0, suggestions: 0, created: 0, linked: 0, byArticle: [] as SuggestSummary['byArticle'], undo: { created: [], linked: [] } as AcceptUndo };
    for (const row of page) {
      got.last = row.rowid;
      const { found, text } = proposalsOf(row);
      const count = typeof found === 'number' ? found : found.length;
      got.done += 1;
      if (count === 0) continue;
      got.suggestions += count;
      got.byArticle.push({ articleId: row.id, title: row.title, suggestions: count });
      if (typeof found === 'number') continue;
      if (run.onArticle && text !== null) run.onArticle({ id: row.id, text }, found);
      if (run.accept) {
        const applied = applySuggestions(db, found, registry, run.author, got.undo);
        got.created += applied.created.length;
        got.linked += applied.linked.length;
      }
    }
    return { ...got, more: page.length === SLICE };
  });

  try {
    let more = true;
    while (more) {
      if (run.signal?.aborted) {
        cancelled = true;
        break;
      }
      // Immediate: the slice reads, scans and stores as one step no other connection writes into.
      const got = slice.immediate(after);
      after = got.last;
      done += got.done;
      suggestions += got.suggestions;
      created += got.created;
      linked += got.linked;
      byArticle.push(...got.byArticle);
      undo.created.push(...got.undo.created);
      undo.linked.push(...got.undo.linked);
      more = got.more;
      run.onProgress?.(done, total);
      if (more) await new Promise((r) => setImmediate(r));
    }
    // Only a pass that read every article makes every stored scan good for this registry.
    if (!cancelled) finishScans(db, version, MATCHER_VERSION);
  } finally {
    // Accepted work stays after a cancel or a failure, and stays undoable (a failure's token is in
    // the library; a cancel reports it).
    finishUndo();
  }
  byArticle.sort((a, b) => b.suggestions - a.suggestions);
  return { cancelled, articles: done, byArticle: byArticle.slice(0, 1000), suggestions, created: run.accept ? created : null, linked: run.accept ? linked : null, token };
}
