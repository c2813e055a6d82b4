import { textHash } from '../store/hash';
import type { HashedDraft, ImportDraft } from './types';

/**
 * Drafts handed over at a time. Each chunk is written in one transaction on the main thread, so
 * these bound how long a write holds the store (an analyst's save waits at most that long) and
 * how much parsed text sits in memory between the two threads.
 */
export const CHUNK_ARTICLES = 250;
export const CHUNK_CHARS = 2_000_000;

/** Hands over a chunk and resolves once it is written and the next is wanted. */
export type Emit = (drafts: HashedDraft[]) => Promise<void>;

/** Groups drafts into chunks within the limits above, hashing each text on the way. */
export class Chunker {
  private pending: HashedDraft[] = [];
  private chars = 0;

  constructor(private readonly emit: Emit) {}

  async add(draft: ImportDraft): Promise<void> {
    this.pending.push({ ...draft, hash: textHash(draft.text) });
    this.chars += draft.text.length;
    if (this.pending.length >= CHUNK_ARTICLES || this.chars >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    this.chars = 0;
    await this.emit(chunk);
  }
}
