import { parseNumberInput } from '../../../shared/figures';
import { PARTIAL_DATE } from '../../../shared/model';

export type FieldKind = 'text' | 'date' | 'number' | 'choice';
export type FieldValue = string | number | null;

export type Parsed = { ok: true; value: FieldValue } | { ok: false; message: string };

/** What a field's text means as an attribute value; an empty field clears the attribute. */
export function parseField(kind: FieldKind, raw: string): Parsed {
  if (raw.trim() === '') return { ok: true, value: null };
  if (kind === 'date') {
    return PARTIAL_DATE.test(raw.trim()) ? { ok: true, value: raw.trim() } : { ok: false, message: 'Expected a date such as 2024, 2024-11 or 2024-11-26' };
  }
  if (kind === 'number') {
    const value = parseNumberInput(raw);
    return value === null ? { ok: false, message: 'Expected a number such as 80, 1,200 or 2.5' } : { ok: true, value };
  }
  return { ok: true, value: raw };
}

export function formatValue(value: FieldValue | boolean | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export interface DraftState {
  text: string;
  /** Why the text is not saved: it does not parse, or the store refused it. */
  problem: string | null;
}

export interface FieldDraftOptions {
  /** The field's text from the stored value. */
  stored: string;
  parse(text: string): Parsed;
  /**
   * Saves a value; `edit` numbers the stretch of editing it belongs to (one undo step each).
   * Resolves with the field's text from the value the store now holds, when it knows it.
   */
  save(value: FieldValue, edit: number): Promise<string | undefined>;
}

let edits = 0;

/**
 * One form field bound to a stored value that answers slowly. While the analyst edits it, the
 * field's own text is the truth: answers from the store never overwrite it, every change that
 * parses is saved, and one that does not ("2." on the way to "2.5", a half-typed date) waits for
 * the next keystroke. The stored value is shown again only once the field is left and every save
 * from it is answered, and then only if nothing failed; text that could not be saved stays, with
 * the reason, until the analyst changes it or the stored value changes.
 */
export class FieldDraft {
  private state: DraftState;
  private stored: string;
  private focused = false;
  private awaiting = 0;
  private edit = ++edits;
  /** Why the current text cannot be saved (it does not parse); reported once the field is left. */
  private unparsable: string | null = null;
  /** Number of the last input, and of the last input whose save the store refused. */
  private inputs = 0;
  private refused = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly options: FieldDraftOptions) {
    this.stored = options.stored;
    this.state = { text: options.stored, problem: null };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DraftState => this.state;

  focus(): void {
    if (this.focused) return;
    this.focused = true;
    this.edit = ++edits;
  }

  blur(): void {
    this.focused = false;
    this.adopt();
  }

  input(text: string): void {
    const n = ++this.inputs;
    const parsed = this.options.parse(text);
    if (!parsed.ok) {
      this.unparsable = parsed.message;
      this.set({ text, problem: this.focused ? null : parsed.message });
      return;
    }
    this.unparsable = null;
    this.set({ text, problem: null });
    this.awaiting++;
    this.options.save(parsed.value, this.edit).then(
      (stored) => {
        this.awaiting--;
        if (stored !== undefined) this.stored = stored;
        this.adopt();
      },
      (err: Error) => {
        this.awaiting--;
        this.refused = n;
        this.set({ text: this.state.text, problem: `Not saved: ${err.message}` });
      },
    );
  }

  /** The stored value changed (an answer, an undo, another view). */
  setStored(stored: string): void {
    if (stored === this.stored) return;
    this.stored = stored;
    if (!this.focused && this.awaiting === 0) {
      this.unparsable = null;
      this.refused = 0;
      this.set({ text: stored, problem: null });
    }
  }

  private adopt(): void {
    if (this.focused || this.awaiting > 0) return;
    if (this.unparsable !== null) {
      this.set({ text: this.state.text, problem: this.unparsable });
    } else if (this.refused === this.inputs && this.refused > 0) {
      // The last thing typed was refused: keep it on screen with the reason.
    } else {
      this.set({ text: this.stored, problem: null });
    }
  }

  private set(state: DraftState): void {
    if (state.text === this.state.text && state.problem === this.state.problem) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
