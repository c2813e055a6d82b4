import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { FieldDraft, type FieldValue, type Parsed } from './fieldDraft';

export interface DraftFieldProps {
  label: string;
  /** The field's text from the stored value. */
  stored: string;
  parse(text: string): Parsed;
  save(value: FieldValue, edit: number): Promise<string | undefined>;
  multiline?: boolean;
  inputMode?: 'decimal';
}

/** A text field that keeps what the analyst types while the store is still answering (see FieldDraft). */
export function DraftField({ label, stored, parse, save, multiline, inputMode }: DraftFieldProps) {
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
    onFocus: () => draft.focus(),
    onBlur: () => draft.blur(),
  };
  return (
    <label>
      {label}
      {multiline ? (
        <textarea {...common} onChange={(e) => draft.input(e.target.value)} />
      ) : (
        <input {...common} inputMode={inputMode} onChange={(e) => draft.input(e.target.value)} />
      )}
      {state.problem !== null ? <span className="field-problem">{state.problem}</span> : null}
    </label>
  );
}
