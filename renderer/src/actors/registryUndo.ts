/** One registry change the Actors view can take back: a merge, a split, an edit. */
export interface RegistryStep {
  /** What the change was, for the notice that offers to undo it ("Merged “A” into “B”."). */
  message: string;
  undo(): Promise<void>;
  /** Steps in a row with the same key (one field, one stretch of typing) are one step: the first one's undo. */
  coalesce?: string;
}

/**
 * The Actors view's undo: the registry's steps, last first. A step the store refuses to undo
 * (something it touched changed since) stays on the stack, and the refusal is the caller's to show.
 */
export class RegistryUndo {
  private steps: RegistryStep[] = [];
  private running = false;

  get last(): RegistryStep | null {
    return this.steps[this.steps.length - 1] ?? null;
  }

  get depth(): number {
    return this.steps.length;
  }

  record(step: RegistryStep): void {
    const top = this.steps[this.steps.length - 1];
    if (step.coalesce !== undefined && top?.coalesce === step.coalesce) return;
    this.steps.push(step);
  }

  /** Undoes the last step; resolves with it, or null when there was none or an undo is still running. */
  async undo(): Promise<RegistryStep | null> {
    if (this.running) return null;
    const step = this.steps.pop();
    if (!step) return null;
    this.running = true;
    try {
      await step.undo();
      return step;
    } catch (err) {
      this.steps.push(step);
      throw err;
    } finally {
      this.running = false;
    }
  }
}
