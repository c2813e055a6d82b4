import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { FieldDraft, type FieldValue, type Parsed } from './fieldDraft';

export interface DraftFieldProps {
  label: string;
  /** The field's text from the stored value. */
  stored: string;
  parse(text: string): Parsed;
  save(value: FieldValue, edit: number): Promise<string | undefined>;
  multiline?: boolean;
  inputMode?: 'decimal';
  /** Words offered as the analyst types (a datalist), given what is typed. */
  suggest?: (typed: string) => readonly string[];
  /** Called when the field takes focus: where the words it offers are read again. */
  onFocus?: () => void;
}

/** A text field that keeps what the analyst types while the store is still answering (see FieldDraft). */
export function DraftField({ label, stored, parse, save, multiline, inputMode, suggest, onFocus }: DraftFieldProps) {
  const listId = useId();
  // The draft outlives renders; it must call the save of the latest render, not of the first.
  const latestSave = useRef(save);
  latestSave.current = save;
  const [draft] = useState(() => new FieldDraft({ stored, parse, save: (value, edit) => latestSave.current(value, edit) }));
  const state = useSyncExternalStore(draft.subscribe, draft.getState);
  useEffect(() => draft.setStored(stored), [draft, stored]);
  const common = {
    'aria-label': label,
    'aria-invalid': state.problem !== null ? true : undefined,
    title: state.problem ?? undefined,
    value: state.text,
    onFocus: () => {
      draft.focus();
      onFocus?.();
    },
    onBlur: () => draft.blur(),
  };
  return (
    <label>
      {label}
      {multiline ? (
        <textarea {...common} onChange={(e) => draft.input(e.target.value)} />
      ) : (
        <input {...common} inputMode={inputMode} list={suggest ? listId : undefined} onChange={(e) => draft.input(e.target.value)} />
      )}
      {suggest && !multiline ? (
        <datalist id={listId}>
          {suggest(state.text).map((w) => (
            <option key={w} value={w} />
          ))}
        </datalist>
      ) : null}
      {state.problem !== null ? <span className="field-problem">{state.problem}</span> : null}
    </label>
  );
}
