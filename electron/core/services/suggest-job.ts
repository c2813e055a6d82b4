import type { SuggestSummary } from '../../../shared/ipc/entities';
import { articlePage, articleTotal } from '../store/article-scan';
import type { Db } from '../store/db';
import { saveUndo } from '../store/entity-undo';
import { applySuggestions, loadRegistry, proposalsFor, type AcceptUndo, type Proposal } from './suggestions';

export interface SuggestRun {
  /** Accept every suggestion as it is found (each article in its own transaction, one undo token for all). */
  accept?: boolean;
  author: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Each article's suggestions as found (before any are accepted): what the command prints. */
  onArticle?: (article: { id: string; text: string }, suggestions: readonly Proposal[]) => void;
}

const PAGE = 200;
/** Articles between two yields to the event loop, so progress polls and a cancel get through. */
const SLICE = 50;

/**
 * Suggestions across the whole library. Reads the library page by page (never all texts at
 * once), against one snapshot of the registry taken at the start.
 */
export async function suggestLibrary(db: Db, run: SuggestRun): Promise<SuggestSummary> {
  const registry = loadRegistry(db);
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
  try {
    scan: for (;;) {
      const page = articlePage(db, after, PAGE);
      if (page.length === 0) break;
      for (const article of page) {
        if (run.signal?.aborted) {
          cancelled = true;
          break scan;
        }
        after = article.rowid;
        const found = proposalsFor(db, article.id, registry, article.text);
        if (found.length > 0) {
          suggestions += found.length;
          byArticle.push({ articleId: article.id, title: article.title, suggestions: found.length });
          run.onArticle?.(article, found);
          if (run.accept) {
            const applied = db.transaction(() => applySuggestions(db, found, registry, run.author, undo))();
            created += applied.created.length;
            linked += applied.linked.length;
          }
        }
        done += 1;
        if (done % SLICE === 0) {
          run.onProgress?.(done, total);
          await new Promise((r) => setImmediate(r));
        }
      }
    }
  } finally {
    // Accepted work stays after a cancel or a failure, and stays undoable (a failure's token is in
    // the library; a cancel reports it).
    finishUndo();
  }
  run.onProgress?.(done, total);
  byArticle.sort((a, b) => b.suggestions - a.suggestions);
  return { cancelled, articles: done, byArticle: byArticle.slice(0, 1000), suggestions, created: run.accept ? created : null, linked: run.accept ? linked : null, token };
}
