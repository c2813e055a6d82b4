import { forwardRef, useEffect, useMemo, useState } from 'react';
import type { EntityKind } from '../../../shared/ipc/entities';
import { Combobox } from '../widgets/Combobox';
import { entityOptions, type EntityChoice } from './entityOptions';
import { useEntitySearch } from './useEntitySearch';

export interface EntityPickerProps {
  label: string;
  kind: EntityKind;
  /** The text the field starts with (the span just tagged, or nothing). */
  initialText: string;
  allowCreate: boolean;
  /** While the text is still the initial one, creating it is the first option (see entityOptions). */
  preferCreate?: boolean;
  exclude?: ReadonlySet<string>;
  onPick(choice: EntityChoice): void;
  onLeave?(): void;
  openOnFocus?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/** A combobox over the registry: type-ahead over names and aliases, and creating a new entity. */
export const EntityPicker = forwardRef<HTMLInputElement, EntityPickerProps>(function EntityPicker(props, ref) {
  const { label, kind, initialText, allowCreate, preferCreate = false, exclude, onPick, onLeave, openOnFocus, placeholder, disabled } = props;
  const [text, setText] = useState(initialText);
  const [edited, setEdited] = useState(false);
  // The starting text follows what it stands for (the linked entity's name once it is read), until the analyst types.
  useEffect(() => {
    if (!edited) setText(initialText);
  }, [initialText, edited]);
  const { hits, error } = useEntitySearch(text, kind);
  const choices = useMemo(
    () => entityOptions(hits, text, { allowCreate, preferCreate: preferCreate && !edited, ...(exclude ? { exclude } : {}) }),
    [hits, text, allowCreate, preferCreate, edited, exclude],
  );
  const options = useMemo(() => choices.map((c) => c.option), [choices]);
  return (
    <>
      <Combobox
        ref={ref}
        label={label}
        text={text}
        onText={(t) => {
          setText(t);
          setEdited(true);
        }}
        options={options}
        onChoose={(option) => {
          const chosen = choices.find((c) => c.option.id === option.id);
          setEdited(false);
          if (chosen) onPick(chosen.choice);
        }}
        onLeave={() => {
          setText(initialText);
          setEdited(false);
          onLeave?.();
        }}
        {...(openOnFocus ? { openOnFocus } : {})}
        {...(placeholder ? { placeholder } : {})}
        {...(disabled ? { disabled } : {})}
      />
      {error ? <span className="field-problem">{error}</span> : null}
    </>
  );
});
