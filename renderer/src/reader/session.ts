import type { Annotation, AnyAttrs, Article, Label } from '../../../shared/model';
import { call } from '../api/client';

export interface Range {
  start: number;
  end: number;
}

/** What changed, so the editor can refresh only the paragraphs it has to. */
export interface Change {
  full: boolean;
  ranges: Range[];
}

interface Step {
  undo(): Promise<Change>;
  redo(): Promise<Change>;
  /** Consecutive edits of one field (typing a note) merge into one undo step. */
  coalesce?: string;
}

export interface Patch {
  label?: Label;
  note?: string;
  attrs?: AnyAttrs;
}

/**
 * One open article and its annotations, kept identical to the store: every operation is sent
 * through the contract first and applied to this copy only with the store's answer, in order
 * (tagging alone is drawn first and taken back if refused), so after any sequence of edits, undos
 * and redos the database holds what the screen shows.
 */
export class ReaderSession {
  article: Article;
  annotations = new Map<string, Annotation>();
  selectedId: string | null = null;
  /** True when the analyst chose the selected annotation (a click), false when tagging selected it. */
  selectionChosen = false;
  error: string | null = null;
  pending = 0;
  version = 0;
  private listeners = new Set<(change: Change) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private done: Step[] = [];
  private undone: Step[] = [];

  constructor(article: Article, annotations: Annotation[]) {
    this.article = article;
    for (const a of annotations) this.annotations.set(a.id, a);
  }

  subscribe = (listener: (change: Change) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  list(): Annotation[] {
    return [...this.annotations.values()].sort((a, b) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt));
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  select(id: string | null): void {
    this.selectionChosen = id !== null;
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.emit({ full: false, ranges: [] });
  }

  /**
   * The one operation shown before the store answers: a key press must light up its highlight
   * within a frame, and a round trip to the store takes longer. The new annotations carry ids
   * chosen here, so the store keeps them under the same ids; if it refuses, they are taken off
   * the screen again and the error is shown.
   */
  tag(label: Label, spans: Range[], attrs: AnyAttrs = {}): Promise<Annotation[]> {
    const at = new Date().toISOString();
    const provisional: Annotation[] = spans.map((s) => ({
      id: crypto.randomUUID(),
      articleId: this.article.id,
      label,
      start: s.start,
      end: s.end,
      quote: this.article.text.slice(s.start, s.end),
      note: '',
      attrs,
      author: '',
      status: 'ok',
      conflictOf: null,
      createdAt: at,
      updatedAt: at,
    }));
    this.put(provisional);
    this.selectedId = provisional[0]?.id ?? this.selectedId;
    this.selectionChosen = false;
    this.emit({ full: false, ranges: rangesOf(provisional) });
    return this.run(async () => {
      let created: Annotation[];
      try {
        created = await call('annotations/createMany', {
          articleId: this.article.id,
          items: provisional.map((a) => ({ id: a.id, label, start: a.start, end: a.end, attrs })),
        });
      } catch (err) {
        this.emit(this.removed(provisional));
        throw err;
      }
      // The store may have trimmed a span or completed its attributes: its answer is what stays.
      this.put(created);
      this.record({
        undo: async () => this.removed(await call('annotations/delete', { ids: created.map((a) => a.id) })),
        redo: async () => this.added(await call('annotations/restore', { annotations: created })),
      });
      return this.finish(created, rangesOf([...provisional, ...created]));
    });
  }

  remove(ids: string[]): Promise<Annotation[]> {
    return this.run(async () => {
      // An earlier queued step (an undo, a second Delete) may already have removed some.
      const present = ids.filter((id) => this.annotations.has(id));
      if (present.length === 0) return [];
      const removed = await call('annotations/delete', { ids: present });
      this.drop(removed);
      this.record({
        undo: async () => this.added(await call('annotations/restore', { annotations: removed })),
        redo: async () => this.removed(await call('annotations/delete', { ids: removed.map((a) => a.id) })),
      });
      if (this.selectedId && ids.includes(this.selectedId)) this.selectedId = null;
      return this.finish(removed, rangesOf(removed));
    });
  }

  update(id: string, patch: Patch, coalesce?: string): Promise<Annotation | null> {
    return this.run(async () => {
      const before = this.annotations.get(id);
      // Removed by an earlier queued step: there is nothing left to edit.
      if (!before) return null;
      const after = await call('annotations/update', { id, ...patch });
      this.put([after]);
      const restore = (a: Annotation) => ({ id: a.id, label: a.label, note: a.note, attrs: a.attrs });
      const step: Step = {
        undo: async () => this.changed(await call('annotations/update', restore(before))),
        redo: async () => this.changed(await call('annotations/update', restore(after))),
      };
      if (coalesce) step.coalesce = `${coalesce}:${id}`;
      this.record(step);
      return this.finish(after, [before]);
    });
  }

  /** Replaces the text with the analyst's correction; annotations move with their text. */
  correctText(text: string): Promise<void> {
    return this.run(async () => {
      const oldText = this.article.text;
      const oldPositions = this.list().map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status }));
      const result = await call('articles/correctText', { id: this.article.id, text });
      const newPositions = result.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status }));
      this.replaceAll(result);
      this.record({
        undo: async () => this.replaced(await call('articles/correctText', { id: this.article.id, text: oldText, positions: oldPositions })),
        redo: async () => this.replaced(await call('articles/correctText', { id: this.article.id, text: result.article.text, positions: newPositions })),
      });
      return this.finish(undefined, [], true);
    });
  }

  undo(): Promise<void> {
    return this.run(async () => {
      const step = this.done.pop();
      if (!step) return;
      const change = await step.undo();
      this.undone.push(step);
      this.emit(change);
    });
  }

  redo(): Promise<void> {
    return this.run(async () => {
      const step = this.undone.pop();
      if (!step) return;
      const change = await step.redo();
      this.done.push(step);
      this.emit(change);
    });
  }

  /** Resolves when every queued operation has reached the store. */
  settled(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private run<T>(operation: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.queue.then(operation);
    this.queue = result.then(
      () => this.settle(null),
      (err: Error) => this.settle(err.message),
    );
    return result;
  }

  private settle(error: string | null): void {
    this.pending--;
    if (error !== null) this.error = error;
    this.emit({ full: false, ranges: [] });
  }

  private record(step: Step): void {
    const top = this.done[this.done.length - 1];
    if (step.coalesce && top?.coalesce === step.coalesce) {
      this.done[this.done.length - 1] = { undo: top.undo, redo: step.redo, coalesce: step.coalesce };
    } else {
      this.done.push(step);
    }
    this.undone = [];
  }

  private finish<T>(value: T, ranges: Range[], full = false): T {
    this.error = null;
    this.emit({ full, ranges });
    return value;
  }

  private put(list: Annotation[]): void {
    for (const a of list) this.annotations.set(a.id, a);
  }

  private drop(list: Annotation[]): void {
    for (const a of list) this.annotations.delete(a.id);
  }

  private replaceAll(result: { article: Article; annotations: Annotation[] }): void {
    this.article = result.article;
    this.annotations = new Map(result.annotations.map((a) => [a.id, a]));
  }

  private added(list: Annotation[]): Change {
    this.put(list);
    return { full: false, ranges: rangesOf(list) };
  }

  private removed(list: Annotation[]): Change {
    this.drop(list);
    if (this.selectedId && list.some((a) => a.id === this.selectedId)) this.selectedId = null;
    return { full: false, ranges: rangesOf(list) };
  }

  private changed(a: Annotation): Change {
    this.put([a]);
    return { full: false, ranges: [a] };
  }

  private replaced(result: { article: Article; annotations: Annotation[] }): Change {
    this.replaceAll(result);
    return { full: true, ranges: [] };
  }

  private emit(change: Change): void {
    this.version++;
    for (const listener of this.listeners) listener(change);
  }
}

function rangesOf(list: Annotation[]): Range[] {
  return list.map((a) => ({ start: a.start, end: a.end }));
}
