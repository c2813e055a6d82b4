import { forwardRef, useEffect, useId, useRef, useState } from 'react';
import { CLOSED, comboKey, comboResized, comboTyped, type ComboState } from './combobox';

export interface ComboOption {
  id: string;
  label: string;
  /** A second, quieter line: what matched, a kind, a count. */
  detail?: string;
}

export interface ComboboxProps {
  label: string;
  text: string;
  onText(text: string): void;
  options: readonly ComboOption[];
  onChoose(option: ComboOption): void;
  /** Escape with the list closed: the caller puts the text back and may move focus elsewhere. */
  onLeave?(): void;
  /** Open with the first option active as soon as the field has focus (a fresh tag offers its matches). */
  openOnFocus?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A text field with a list of options to choose from (WAI-ARIA combobox with a listbox popup);
 * the keys follow widgets/combobox.ts. Focus stays in the field: the active option is announced
 * through aria-activedescendant.
 */
export const Combobox = forwardRef<HTMLInputElement, ComboboxProps>(function Combobox(props, ref) {
  const { label, text, onText, options, onChoose, onLeave, openOnFocus, placeholder, disabled } = props;
  const [state, setState] = useState<ComboState>(CLOSED);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const count = options.length;

  useEffect(() => setState((s) => comboResized(s, count)), [count]);
  useEffect(() => {
    if (state.active < 0) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${state.active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [state.active]);

  const active = state.open && state.active >= 0 ? options[state.active] : undefined;
  const optionId = (index: number) => `${listId}-${index}`;

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const { state: next, action } = comboKey(state, { key: e.key, altKey: e.altKey }, count);
    if (action.kind === 'none') return;
    e.preventDefault();
    // The reader's keys (1-4, Delete, N/P) never see what the field handled.
    e.stopPropagation();
    setState(next);
    if (action.kind === 'choose') {
      const option = options[action.index];
      if (option) onChoose(option);
    } else if (action.kind === 'leave') {
      onLeave?.();
    }
  };

  return (
    <div className="combobox">
      <input
        ref={ref}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={state.open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active ? optionId(state.active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          setState(comboTyped(count));
        }}
        onFocus={() => {
          if (openOnFocus) setState(comboTyped(count));
        }}
        onBlur={() => setState(CLOSED)}
        onKeyDown={onKeyDown}
      />
      <ul ref={list} id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!state.open || count === 0}>
        {/* Options are drawn only while the list is open: a closed picker over an article's 750
            actors (an event's details hold five) would otherwise add thousands of hidden rows to
            every render of the details, on the path from a tagging key to its highlight. */}
        {!state.open ? null : options.map((option, index) => (
          <li
            key={option.id}
            id={optionId(index)}
            data-index={index}
            role="option"
            aria-selected={index === state.active}
            // The field keeps focus: a click chooses without blurring it first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setState(CLOSED);
              onChoose(option);
            }}
          >
            <span className="combobox-label">{option.label}</span>
            {option.detail ? <span className="combobox-detail">{option.detail}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
});
