import type { Accepted, Suggestion } from '../../../shared/ipc/entities';
import type { Annotation } from '../../../shared/model';
import { call } from '../api/client';
import type { SuggestionSpan } from '../editor';
import { subscribeAfterPaint } from './afterPaint';
import type { AnnotationDelta, ReaderSession } from './session';

/** The spans to draw for a list of suggestions: in text order, each once. */
export function suggestionSpans(list: readonly Suggestion[]): SuggestionSpan[] {
  return list.map((s) => ({ id: s.id, start: s.start, end: s.end })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The suggestion after (or before) the current one in text order, wrapping; the first when none is current. */
export function stepSuggestion(list: readonly Suggestion[], currentId: string | null, delta: 1 | -1): Suggestion | null {
  if (list.length === 0) return null;
  const at = list.findIndex((s) => s.id === currentId);
  if (at < 0) return list[delta === 1 ? 0 : list.length - 1] ?? null;
  return list[(at + delta + list.length) % list.length] ?? null;
}

/** Which suggestion stays current once the list changed: the same one, else the one now where it was. */
export function keepCurrent(before: readonly Suggestion[], after: readonly Suggestion[], currentId: string | null): string | null {
  if (after.length === 0) return null;
  if (currentId !== null && after.some((s) => s.id === currentId)) return currentId;
  const was = before.find((s) => s.id === currentId);
  const next = was ? after.find((s) => s.start >= was.start) : undefined;
  return (next ?? after[0] ?? null)?.id ?? null;
}

/**
 * What of an article's annotations the registry's suggestions depend on: where the spans are,
 * their labels and their links. A note or another attribute typed in changes none of it.
 */
export function suggestionBasis(list: readonly Annotation[]): string {
  let out = '';
  for (const a of list) out += `${a.id}:${a.start}:${a.end}:${a.label}:${String(a.attrs.entityId ?? '')}:${String(a.attrs.locationEntityId ?? '')};`;
  return out;
}

/** How long after the last change the suggestions are asked for again: a burst of tags costs one call. */
const REFRESH_DELAY_MS = 150;

/** What accepting did, as the session applies it. */
function deltaOf(accepted: Accepted): AnnotationDelta {
  return { put: [...accepted.created, ...accepted.linked], removedIds: [] };
}

/**
 * The registry's suggestions for the open article: asked for when it opens and again whenever
 * its annotations change, drawn through the session, and accepted (one undoable step of the
 * reader's history) or rejected (remembered by the store, so not proposed again).
 */
export class ReaderSuggestions {
  list: Suggestion[] = [];
  currentId: string | null = null;
  hidden = false;
  error: string | null = null;
  version = 0;
  private listeners = new Set<() => void>();
  private asked = 0;
  private seenList: readonly Annotation[] | null = null;
  private seenBasis = '';
  private seenText: string;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly session: ReaderSession) {
    this.seenText = session.article.text;
  }

  /** Follows the session: its annotations changed, so what the registry proposes may have. Returns the cleanup. */
  start(): () => void {
    this.seenList = this.session.list();
    this.seenBasis = suggestionBasis(this.seenList);
    void this.refresh();
    // Sorting the annotations and reading what suggestions depend on costs milliseconds on a
    // long article: done after the frame that draws a change, never in front of it.
    const compare = () => {
      const now = this.session.list();
      if (now === this.seenList) return;
      this.seenList = now;
      const basis = suggestionBasis(now);
      if (basis === this.seenBasis) return;
      this.seenBasis = basis;
      this.later();
    };
    const unsubscribeLater = subscribeAfterPaint(this.session.subscribe)(compare);
    const unsubscribe = this.session.subscribe(() => {
      // Offsets into a text that changed would mark the wrong words until the new list arrives.
      if (this.session.article.text !== this.seenText) {
        this.seenText = this.session.article.text;
        this.setList([]);
      }
    });
    return () => {
      unsubscribe();
      unsubscribeLater();
      if (this.timer !== null) clearTimeout(this.timer);
    };
  }

  /**
   * Asks again once the session has been quiet for a moment and has nothing on its way: the
   * analyst's own saves go to the store first, never behind a suggestion lookup.
   */
  private later(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.session.pending > 0) this.later();
      else void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  get current(): Suggestion | null {
    return this.list.find((s) => s.id === this.currentId) ?? null;
  }

  async refresh(): Promise<void> {
    const asked = ++this.asked;
    try {
      const { suggestions } = await call('suggestions/list', { articleId: this.session.article.id });
      if (asked !== this.asked) return;
      this.error = null;
      this.setList(suggestions);
    } catch (err) {
      if (asked !== this.asked) return;
      this.error = (err as Error).message;
      this.changed();
    }
  }

  choose(id: string): void {
    if (this.currentId === id || !this.list.some((s) => s.id === id)) return;
    this.currentId = id;
    this.changed();
  }

  step(delta: 1 | -1): void {
    const next = stepSuggestion(this.list, this.currentId, delta);
    if (next) this.choose(next.id);
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.session.showSuggestions(hidden ? [] : suggestionSpans(this.list));
    this.changed();
  }

  accept(ids: string[]): Promise<AnnotationDelta | null> {
    const articleId = this.session.article.id;
    if (ids.length === 0) return Promise.resolve(null);
    return this.acceptWith(() => call('suggestions/accept', { articleId, ids }), ids);
  }

  acceptAll(): Promise<AnnotationDelta | null> {
    const articleId = this.session.article.id;
    const ids = this.list.map((s) => s.id);
    if (ids.length === 0) return Promise.resolve(null);
    return this.acceptWith(() => call('suggestions/acceptAll', { articleId }), ids);
  }

  async reject(id: string): Promise<void> {
    const articleId = this.session.article.id;
    try {
      await call('suggestions/reject', { articleId, ids: [id] });
      this.error = null;
      this.setList(this.list.filter((s) => s.id !== id));
    } catch (err) {
      this.error = (err as Error).message;
      this.changed();
      throw err;
    }
  }

  private acceptWith(first: () => Promise<Accepted>, ids: string[]): Promise<AnnotationDelta> {
    const articleId = this.session.article.id;
    // Each acceptance answers with the token that undoes it; a redo is a new acceptance, with its own.
    let token = '';
    const accept = async (run: () => Promise<Accepted>) => {
      const accepted = await run();
      token = accepted.token;
      return deltaOf(accepted);
    };
    // Off the screen at once: what the analyst accepted must not stay drawn as a proposal.
    this.setList(this.list.filter((s) => !ids.includes(s.id)));
    const done = this.session.apply(() => accept(first), {
      undo: async () => {
        const undone = await call('entities/undo', { token });
        return { put: undone.annotations, removedIds: undone.removedAnnotationIds };
      },
      redo: () => accept(() => call('suggestions/accept', { articleId, ids })),
    });
    // Refused: the suggestions taken off the screen are what the store still proposes.
    done.catch(() => void this.refresh());
    return done;
  }

  private setList(list: Suggestion[]): void {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    this.currentId = keepCurrent(this.list, sorted, this.currentId);
    this.list = sorted;
    if (!this.hidden) this.session.showSuggestions(suggestionSpans(sorted));
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
