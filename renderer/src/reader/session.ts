import type { Annotation, AnyAttrs, Article, Label } from '../../../shared/model';
import { call } from '../api/client';
import type { SuggestionSpan } from '../editor';
import { nextPaint } from './afterPaint';
import { provisionalAnnotations, retagAttrs, retagNotice } from './annotationDrafts';
import { AnnotationCopy, type AnnotationDelta } from './annotationCopy';
import { History, marksOf, mergePatch, rangesOf, type Change, type FieldEdit, type Patch, type Range, type Step } from './history';

export type { Change, FieldEdit, Patch, Range } from './history';
export type { AnnotationDelta } from './annotationCopy';

interface QueuedUpdate {
  key: string;
  patch: Patch;
  started: boolean;
  result: Promise<Annotation | null>;
}

interface SessionError {
  message: string;
  /** The field whose edit was refused; a later successful edit of it clears the error. */
  key: string | null;
}

/**
 * One open article and its annotations, kept identical to the store: every operation is sent
 * through the contract first and applied to this copy only with the store's answer, in order
 * (tagging alone is drawn first and taken back if refused), so after any sequence of edits, undos
 * and redos the database holds what the screen shows.
 */
export class ReaderSession {
  selectedId: string | null = null;
  /** True when the analyst chose the selected annotation (a click), false when tagging selected it. */
  selectionChosen = false;
  /** Operations sent (or waiting to be sent) that the store has not answered yet. */
  pending = 0;
  version = 0;
  /** Something the analyst should know that is not an error, such as attributes a retag dropped. */
  notice: string | null = null;
  /** The registry's proposals the text shows (reader/suggestions.ts decides which). */
  suggestionMarks: readonly SuggestionSpan[] = [];
  private failure: SessionError | null = null;
  private listeners = new Set<(change: Change) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private history = new History();
  private copy: AnnotationCopy;
  /** The last queued operation, while it is a field edit that has not started: later keystrokes join it. */
  private tail: QueuedUpdate | null = null;
  private textChanging = 0;
  /** The notice is about the text correction on its way, and goes when it has been saved. */
  private noticeUntilText = false;

  constructor(article: Article, annotations: Annotation[]) {
    this.copy = new AnnotationCopy(article, annotations);
  }

  get article(): Article {
    return this.copy.article;
  }

  get annotations(): ReadonlyMap<string, Annotation> {
    return this.copy.annotations;
  }

  subscribe = (listener: (change: Change) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The annotations in text order; the same array until they change, so views can memoise on it. */
  list(): Annotation[] {
    return this.copy.list();
  }

  get canUndo(): boolean {
    return this.history.depth > 0;
  }

  /** How many steps undo can take back (edits of one field in a row are one). */
  get undoDepth(): number {
    return this.history.depth;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Why the last refused operation was refused, until the analyst dismisses it or redoes it successfully. */
  get error(): string | null {
    return this.failure?.message ?? null;
  }

  /** True while a change of the article's text is on its way: offsets read from the screen may be stale. */
  get textPending(): boolean {
    return this.textChanging > 0;
  }

  dismissError(): void {
    this.failure = null;
    this.emit({ full: false, ranges: [] });
  }

  select(id: string | null): void {
    this.selectionChosen = id !== null;
    if (this.selectedId === id) return;
    this.selectedId = id;
    // What a notice said was about the annotation chosen before (a retag, a re-attach).
    this.notice = null;
    this.emit({ full: false, ranges: [] });
  }

  /**
   * The one operation shown before the store answers: a key press must light up its highlight
   * within a frame, and a round trip to the store takes longer. The new annotations carry ids
   * chosen here, so the store keeps them under the same ids; if it refuses, they are taken off
   * the screen again and the error is shown.
   */
  tag(label: Label, spans: Range[], attrs: AnyAttrs | (() => AnyAttrs) = {}): Promise<Annotation[]> {
    if (this.textChanging > 0) {
      this.notify('Not tagged: the text correction is still being saved. Select the text again once it is.');
      this.noticeUntilText = true;
      return Promise.resolve([]);
    }
    const text = this.article.text;
    let provisional = provisionalAnnotations(this.article, label, spans, typeof attrs === 'function' ? {} : attrs);
    this.copy.put(provisional);
    this.selectedId = provisional[0]?.id ?? this.selectedId;
    this.selectionChosen = false;
    this.emit({ full: false, ranges: rangesOf(provisional) });
    return this.run(async () => {
      let created: Annotation[];
      // Sent once the highlight is painted: the call and its answer (which may come back within
      // the frame) are then handled after the frame, never in front of it.
      await nextPaint();
      // Attributes read from the quote (a figure's value) can take milliseconds: read after the
      // highlight is painted, and shown with the new annotation from then on.
      const read = typeof attrs === 'function' ? attrs() : attrs;
      if (read !== provisional[0]?.attrs && Object.keys(read).length > 0) {
        provisional = provisional.map((a) => ({ ...a, attrs: read }));
        this.copy.put(provisional.filter((a) => this.annotations.has(a.id)));
        this.emit({ full: false, ranges: [] });
      }
      try {
        // An undo or redo queued before this tag may have changed the text its offsets were read from.
        if (this.article.text !== text) throw new Error('the article text changed before the tag was saved; select the text again');
        created = await call('annotations/createMany', {
          articleId: this.article.id,
          items: provisional.map((a) => ({ id: a.id, label, start: a.start, end: a.end, attrs: read })),
        });
      } catch (err) {
        this.emit(this.removed(provisional));
        throw err;
      }
      // The store may have trimmed a span or completed its attributes: its answer is what stays.
      this.copy.put(created);
      this.history.record({
        undo: async () => this.removed(await call('annotations/delete', { ids: created.map((a) => a.id) })),
        redo: async () => this.copy.added(await call('annotations/restore', { annotations: created })),
      });
      // Drawn already: only a span the store changed (trimmed) needs drawing again, in both places.
      // The store answers for the items in the order they were sent.
      return this.finish(created, created.flatMap((c, i) => marksOf(provisional[i] as Annotation, c)));
    });
  }

  remove(ids: string[]): Promise<Annotation[]> {
    return this.run(async () => {
      // An earlier queued step (an undo, a second Delete) may already have removed some.
      const present = ids.filter((id) => this.annotations.has(id));
      if (present.length === 0) return [];
      const removed = await call('annotations/delete', { ids: present });
      this.copy.drop(removed);
      this.history.record({
        undo: async () => this.copy.added(await call('annotations/restore', { annotations: removed })),
        redo: async () => this.removed(await call('annotations/delete', { ids: removed.map((a) => a.id) })),
      });
      if (this.selectedId && ids.includes(this.selectedId)) this.selectedId = null;
      return this.finish(removed, rangesOf(removed));
    });
  }

  /**
   * Edits an annotation. With `from`, the edit is one of a stretch of edits of one field (typing):
   * the stretch is one undo step, and while an edit of the same stretch waits for its turn the new
   * one replaces it instead of queueing another call, so fast typing costs no more calls than the
   * store can answer and its last keystroke always wins.
   */
  update(id: string, patch: Patch, from?: FieldEdit): Promise<Annotation | null> {
    const key = from ? `${from.field}#${from.edit}:${id}` : null;
    const waiting = this.tail;
    if (key !== null && waiting !== null && !waiting.started && waiting.key === key) {
      waiting.patch = mergePatch(waiting.patch, patch);
      return waiting.result;
    }
    const errorKey = from ? `${from.field}:${id}` : null;
    const entry: QueuedUpdate = { key: key ?? '', patch, started: false, result: Promise.resolve(null) };
    entry.result = this.run(async () => {
      entry.started = true;
      const before = this.annotations.get(id);
      // Removed by an earlier queued step: there is nothing left to edit.
      if (!before) return null;
      const after = await this.send(before, entry.patch);
      this.history.record(this.updateStep(before, after, key ?? undefined));
      return this.finish(after, marksOf(before, after), false, errorKey);
    }, errorKey);
    if (key !== null) this.tail = entry;
    return entry.result;
  }

  /**
   * Changes the label. A figure's value is read from the quote when it has none yet, and the
   * attributes the new label has no place for are named in the notice (undo brings them back).
   */
  retag(id: string, label: Label): Promise<Annotation | null> {
    return this.run(async () => {
      const before = this.annotations.get(id);
      if (!before || before.label === label) return null;
      const after = await this.send(before, { label, attrs: retagAttrs(before, label, this.article.language) });
      this.history.record(this.updateStep(before, after));
      this.notice = retagNotice(before, label);
      return this.finish(after, marksOf(before, after));
    });
  }

  /**
   * A change the store makes to several annotations in one call (accepting suggestions), as one
   * undoable step: `run`, `undo` and `redo` each answer with what they wrote and removed.
   */
  apply(run: () => Promise<AnnotationDelta>, step: { undo(): Promise<AnnotationDelta>; redo(): Promise<AnnotationDelta> }): Promise<AnnotationDelta> {
    return this.run(async () => {
      const delta = await run();
      const change = this.applied(delta);
      this.history.record({ undo: async () => this.applied(await step.undo()), redo: async () => this.applied(await step.redo()) });
      return this.finish(delta, change.ranges);
    });
  }

  /**
   * An operation on what lies beside the annotations (an event's roles, its incident), queued with
   * the rest and taken back by the same undo: `run` answers with its value and the calls that undo
   * and redo it, which also bring the caller's own copy of what they changed up to date.
   */
  perform<T>(run: () => Promise<{ value: T; undo(): Promise<void>; redo(): Promise<void> } | null>): Promise<T | null> {
    return this.run(async () => {
      const done = await run();
      if (!done) return null;
      const none: Change = { full: false, ranges: [] };
      this.history.record({
        undo: async () => {
          await done.undo();
          return none;
        },
        redo: async () => {
          await done.redo();
          return none;
        },
      });
      return this.finish(done.value, []);
    });
  }

  /** Draws these suggestions in place of the ones drawn before. */
  showSuggestions(list: readonly SuggestionSpan[]): void {
    const before = this.suggestionMarks;
    if (before.length === list.length && before.every((s, i) => s.id === list[i]?.id && s.start === list[i]?.start && s.end === list[i]?.end)) return;
    this.suggestionMarks = list;
    this.emit({ full: false, ranges: [...before, ...list] });
  }

  /** Puts an orphaned annotation (its text was deleted by a correction) on new text. */
  reattach(id: string, span: Range): Promise<Annotation | null> {
    return this.run(async () => {
      const before = this.annotations.get(id);
      if (!before) return null;
      const after = await call('annotations/update', { id, span });
      this.copy.put([after]);
      this.history.record({
        undo: async () =>
          this.copy.changed(await call('annotations/update', { id, span: { start: before.start, end: before.end, status: before.status, quote: before.quote } }), after),
        redo: async () => this.copy.changed(await call('annotations/update', { id, span: { start: after.start, end: after.end } }), before),
      });
      return this.finish(after, [before, after]);
    });
  }

  /** Replaces the text with the analyst's correction; annotations move with their text. Rejects if refused. */
  correctText(text: string): Promise<void> {
    this.textChanging++;
    return this.run(async () => {
      try {
        const oldText = this.article.text;
        const oldPositions = this.list().map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status }));
        const result = await call('articles/correctText', { id: this.article.id, text });
        const newPositions = result.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status }));
        this.copy.replaceAll(result);
        this.history.record({
          text: true,
          undo: async () => this.copy.replaced(await call('articles/correctText', { id: this.article.id, text: oldText, positions: oldPositions })),
          redo: async () => this.copy.replaced(await call('articles/correctText', { id: this.article.id, text: result.article.text, positions: newPositions })),
        });
        return this.finish(undefined, [], true, 'text');
      } finally {
        this.textSettled();
      }
    }, 'text');
  }

  undo(): Promise<void> {
    return this.replay('undo');
  }

  redo(): Promise<void> {
    return this.replay('redo');
  }

  /** Resolves when every queued operation has reached the store. */
  settled(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private replay(direction: 'undo' | 'redo'): Promise<void> {
    // Known for certain only when nothing is queued before it; a tag checks the text again when it runs.
    const text = this.pending === 0 && this.history.nextChangesText(direction);
    if (text) this.textChanging++;
    return this.run(async () => {
      try {
        const change = await this.history.replay(direction);
        if (change) this.emit(change);
      } finally {
        if (text) this.textSettled();
      }
    });
  }

  private textSettled(): void {
    this.textChanging--;
    if (this.textChanging === 0 && this.noticeUntilText) this.notice = null;
  }

  private async send(before: Annotation, patch: Patch): Promise<Annotation> {
    const attrs = patch.attrs === undefined ? undefined : { ...before.attrs, ...patch.attrs };
    const after = await call('annotations/update', {
      id: before.id,
      ...(patch.label !== undefined ? { label: patch.label } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(attrs !== undefined ? { attrs } : {}),
    });
    this.copy.put([after]);
    return after;
  }

  private updateStep(before: Annotation, after: Annotation, coalesce?: string): Step {
    const restore = (a: Annotation) => ({ id: a.id, label: a.label, note: a.note, attrs: this.restorable(a) });
    const step: Step = {
      undo: async () => this.copy.changed(await call('annotations/update', restore(before)), after),
      redo: async () => this.copy.changed(await call('annotations/update', restore(after)), before),
    };
    if (coalesce) step.coalesce = coalesce;
    return step;
  }

  /**
   * The attributes to put back by undo or redo. A claimant link whose actor has since gone (and
   * that the annotation no longer carries) cannot be set again, so it is left out; the claimant's
   * name stays.
   */
  private restorable(a: Annotation): AnyAttrs {
    const target = a.attrs.claimantId;
    if (typeof target !== 'string' || target === this.annotations.get(a.id)?.attrs.claimantId) return a.attrs;
    if (this.annotations.get(target)?.label === 'actor') return a.attrs;
    return Object.fromEntries(Object.entries(a.attrs).filter(([key]) => key !== 'claimantId'));
  }

  private run<T>(operation: () => Promise<T>, errorKey: string | null = null): Promise<T> {
    this.pending++;
    this.tail = null;
    if (this.notice !== null) this.notice = null;
    const result = this.queue.then(operation);
    this.queue = result.then(
      () => this.settle(null, errorKey),
      (err: Error) => this.settle(err.message, errorKey),
    );
    // The status line must say "Saving…" from the moment an operation is queued.
    this.emit({ full: false, ranges: [] });
    return result;
  }

  private settle(error: string | null, key: string | null): void {
    this.pending--;
    if (error !== null) this.failure = { message: error, key };
    this.emit({ full: false, ranges: [] });
  }

  /** Tells the analyst something that is not an error, until their next operation. */
  notify(notice: string): void {
    this.notice = notice;
    this.noticeUntilText = false;
    this.emit({ full: false, ranges: [] });
  }

  /** A success: shown, and it clears an earlier refusal of the same field, which is now stored. */
  private finish<T>(value: T, ranges: Range[], full = false, key: string | null = null): T {
    if (key !== null && this.failure?.key === key) this.failure = null;
    this.emit({ full, ranges });
    return value;
  }

  private removed(list: Annotation[]): Change {
    this.deselect(list.map((a) => a.id));
    return this.copy.removed(list);
  }

  private applied(delta: AnnotationDelta): Change {
    this.deselect(delta.removedIds);
    return this.copy.applied(delta);
  }

  private deselect(ids: string[]): void {
    if (this.selectedId && ids.includes(this.selectedId)) this.selectedId = null;
  }

  private emit(change: Change): void {
    this.version++;
    for (const listener of this.listeners) listener(change);
  }
}
