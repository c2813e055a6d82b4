/** One change a view can take back and make again (the incident page's removal of a report). */
export interface Step {
  /** What the change was, for the notice that offers to undo it. */
  message: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * A view's own undo and redo, last first. A step whose undo (or redo) the store refuses stays
 * where it was, and the refusal is the caller's to show; while one runs, another is not started.
 */
export class StepHistory {
  private done: Step[] = [];
  private undone: Step[] = [];
  private running = false;

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** A new change: what was undone before it can no longer be redone. */
  record(step: Step): void {
    this.done.push(step);
    this.undone = [];
  }

  undo(): Promise<Step | null> {
    return this.move(this.done, this.undone, (s) => s.undo());
  }

  redo(): Promise<Step | null> {
    return this.move(this.undone, this.done, (s) => s.redo());
  }

  private async move(from: Step[], to: Step[], run: (s: Step) => Promise<void>): Promise<Step | null> {
    if (this.running) return null;
    const step = from.pop();
    if (!step) return null;
    this.running = true;
    try {
      await run(step);
      to.push(step);
      return step;
    } catch (err) {
      from.push(step);
      throw err;
    } finally {
      this.running = false;
    }
  }
}
