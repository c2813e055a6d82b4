import type { Annotation, AnyAttrs, Label } from '../../../shared/model';

export interface Range {
  start: number;
  end: number;
}

/** What changed, so the editor can refresh only the paragraphs it has to. */
export interface Change {
  full: boolean;
  ranges: Range[];
}

/** One undoable operation, as calls to the store that reverse and repeat it. */
export interface Step {
  undo(): Promise<Change>;
  redo(): Promise<Change>;
  /** Consecutive edits with the same key (one field, one stretch of typing) are one undo step. */
  coalesce?: string;
  /** The step changes the article's text, so offsets taken before it do not apply after it. */
  text?: boolean;
}

/**
 * An edit of an annotation. `attrs` holds only the attributes being changed: it is merged over
 * the annotation's attributes as they are when the edit reaches the store, so two fields edited
 * in quick succession never overwrite each other (null clears one).
 */
export interface Patch {
  label?: Label;
  note?: string;
  attrs?: AnyAttrs;
}

/** Which field an edit comes from, and which stretch of editing it belongs to (one undo step each). */
export interface FieldEdit {
  field: string;
  edit: number;
}

export function mergePatch(a: Patch, b: Patch): Patch {
  const merged: Patch = { ...a, ...b };
  if (a.attrs || b.attrs) merged.attrs = { ...a.attrs, ...b.attrs };
  return merged;
}

/** Whether two versions of an annotation are drawn alike (a note or attributes do not show in the text). */
export function sameMark(a: Annotation | undefined, b: Annotation | undefined): boolean {
  return a !== undefined && b !== undefined && a.start === b.start && a.end === b.end && a.label === b.label && a.status === b.status;
}

/** The text to redraw when an annotation changed from `before` to `after`: none unless its highlight changed. */
export function marksOf(before: Annotation, after: Annotation): Range[] {
  return sameMark(before, after) ? [] : rangesOf([before, after]);
}

export function rangesOf(list: Annotation[]): Range[] {
  return list.map((a) => ({ start: a.start, end: a.end }));
}

/** The undo and redo stacks. */
export class History {
  private done: Step[] = [];
  private undone: Step[] = [];

  get depth(): number {
    return this.done.length;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Whether the step undo (or redo) would take next changes the text. */
  nextChangesText(direction: 'undo' | 'redo'): boolean {
    const stack = direction === 'undo' ? this.done : this.undone;
    return stack[stack.length - 1]?.text === true;
  }

  /** A new step: it clears what could be redone, and joins the last one when both share a coalesce key. */
  record(step: Step): void {
    const top = this.done[this.done.length - 1];
    if (step.coalesce && top?.coalesce === step.coalesce) {
      this.done[this.done.length - 1] = { undo: top.undo, redo: step.redo, coalesce: step.coalesce };
    } else {
      this.done.push(step);
    }
    this.undone = [];
  }

  /** Runs the next undo (or redo); a step the store refuses stays where it was. */
  async replay(direction: 'undo' | 'redo'): Promise<Change | null> {
    const [from, to] = direction === 'undo' ? [this.done, this.undone] : [this.undone, this.done];
    const step = from.pop();
    if (!step) return null;
    try {
      const change = await step[direction]();
      to.push(step);
      return change;
    } catch (err) {
      from.push(step);
      throw err;
    }
  }
}

/**
 * Asks before the window closes while operations are still on their way to the store: closing
 * then would lose them. Returns the cleanup.
 */
export function registerUnloadGuard(
  pending: () => number,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (pending() === 0) return;
    e.preventDefault();
    // Older Chromium (and so Electron) shows the prompt only when returnValue is set.
    e.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
