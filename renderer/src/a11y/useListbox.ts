import { useCallback, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { listStep } from './listStep';
import { shortcutOf } from './shortcuts';

export interface ListboxOptions {
  count: number;
  /** The row to start from when the list is first focused (the open article, say); else the first. */
  initial?: number;
  /** Rows per Page Up/Down. */
  pageSize?: number;
  /** Brings row `index` into view (a virtualised list renders it there). */
  reveal?(index: number): void;
  /** Enter or Space on the active row. */
  onOpen(index: number): void;
}

export interface Listbox {
  active: number;
  setActive(index: number): void;
  optionId(index: number): string;
  /** Spread on the element with role="listbox"; `rendered` says whether the active row is in the DOM. */
  listProps(rendered: boolean): {
    tabIndex: 0;
    'aria-activedescendant': string | undefined;
    onKeyDown(e: KeyboardEvent): void;
  };
}

/**
 * The WAI-ARIA listbox pattern with aria-activedescendant: the list is one tab stop, the arrow
 * keys move the active row inside it, Enter opens it. Focus stays on the list element itself, so
 * it works for virtualised lists whose rows come and go as they scroll.
 */
export function useListbox({ count, initial, pageSize = 8, reveal, onOpen }: ListboxOptions): Listbox {
  const prefix = useId();
  const [active, setActiveState] = useState(-1);
  const current = active >= 0 && active < count ? active : initial !== undefined && initial >= 0 && initial < count ? initial : count > 0 ? 0 : -1;
  useEffect(() => {
    if (active >= count) setActiveState(count - 1);
  }, [active, count]);

  const setActive = useCallback(
    (index: number) => {
      setActiveState(index);
      reveal?.(index);
    },
    [reveal],
  );
  const optionId = useCallback((index: number) => `${prefix}-option-${index}`, [prefix]);

  const onKeyDown = (e: KeyboardEvent) => {
    const id = shortcutOf(e, 'list');
    if (id === 'list-open') {
      if (current < 0) return;
      e.preventDefault();
      onOpen(current);
      return;
    }
    const next = listStep(id, current, count, pageSize);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
  };

  return {
    active: current,
    setActive,
    optionId,
    listProps: (rendered) => ({
      tabIndex: 0,
      'aria-activedescendant': rendered && current >= 0 ? optionId(current) : undefined,
      onKeyDown,
    }),
  };
}
