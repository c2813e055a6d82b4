import { useEffect, useRef, type RefObject } from 'react';

export interface ModalFocusOptions {
  /** What takes focus when the dialog opens (a selector inside it). */
  initial: string;
  /** What Tab and Shift+Tab cycle through, without ever leaving the dialog. */
  focusables: string;
  onEscape(): void;
}

/**
 * A modal dialog's keyboard: focus starts inside, Tab cycles inside, Escape calls `onEscape`, and
 * focus goes back where it was when the dialog opened (never lost to the page's body).
 */
export function useModalFocus(dialog: RefObject<HTMLElement | null>, options: ModalFocusOptions): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>(latest.current.initial)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        latest.current.onEscape();
      } else if (e.key === 'Tab') {
        const focusables = [...(dialog.current?.querySelectorAll<HTMLElement>(latest.current.focusables) ?? [])];
        const i = focusables.indexOf(document.activeElement as HTMLElement);
        const next = focusables[(i + (e.shiftKey ? -1 : 1) + focusables.length) % focusables.length];
        if (next) {
          e.preventDefault();
          next.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, [dialog]);
}
