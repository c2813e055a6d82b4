import type { SearchIndexStatus } from '../../../shared/ipc/library';
import type { Db } from '../store/db';
import { rebuildSlice, searchRebuildPending, searchRebuildProgress } from '../store/search-rebuild';

export interface SearchIndexOptions {
  /** How long one slice may hold the library, in ms: the longest a search or a save waits on it. */
  sliceMs?: number;
  /** The pause between slices, in ms, which the analyst's own calls are served in. */
  gapMs?: number;
  /** How long to wait before trying again while another program holds the library's write lock. */
  busyRetryMs?: number;
  onError?: (err: unknown) => void;
  /** Told the time each slice took and the articles it indexed (the last one, which swaps the index in, indexes none). */
  onSlice?: (ms: number, articles: number) => void;
}

const isBusy = (err: unknown) => /^SQLITE_BUSY/.test(String((err as { code?: unknown })?.code ?? ''));

/**
 * Runs a pending rebuild of the search index (store/search-rebuild.ts) in the background, a
 * slice at a time, sized to take about `sliceMs` each: the article lengths vary too much for a
 * fixed count, so each slice's size follows the time the last one took. A pause holds for this
 * run of the app; the next start resumes the rebuild where it stood.
 */
export function createSearchIndex(db: Db, options: SearchIndexOptions = {}) {
  const sliceMs = options.sliceMs ?? 40;
  const gapMs = options.gapMs ?? 10;
  let size = 4;
  let paused = false;
  let failed: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let pending = searchRebuildPending(db);

  const schedule = (ms: number) => {
    if (timer === null && pending && !paused && failed === null) timer = setTimeout(slice, ms);
  };

  function slice(): void {
    timer = null;
    if (!db.open || paused) return;
    const t0 = performance.now();
    let articles = 0;
    try {
      const result = rebuildSlice(db, size);
      pending = !result.finished;
      articles = result.articles;
    } catch (err) {
      if (isBusy(err)) return schedule(options.busyRetryMs ?? 1000);
      // The old index keeps answering; the rebuild tries again at the next start.
      failed = (err as Error)?.message ?? String(err);
      options.onError?.(err);
      return;
    }
    const took = Math.max(1, performance.now() - t0);
    options.onSlice?.(took, articles);
    size = Math.max(1, Math.min(5000, Math.round(size * Math.min(4, sliceMs / took))));
    schedule(gapMs);
  }

  function status(): SearchIndexStatus {
    // Once the new index is in, the wiping of the old one's pages goes on unseen: searches are done waiting.
    const progress = pending && db.open ? searchRebuildProgress(db) : null;
    const state = progress === null ? 'ready' : failed !== null ? 'failed' : paused ? 'paused' : 'rebuilding';
    return { state, done: progress?.done ?? 0, total: progress?.total ?? 0, error: failed };
  }

  schedule(0);
  return {
    status,
    pause(pause: boolean): SearchIndexStatus {
      paused = pause;
      if (pause && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      schedule(0);
      return status();
    },
    stop(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
