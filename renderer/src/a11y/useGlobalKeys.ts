import { useEffect, useRef } from 'react';
import { focusRegion } from './regions';
import { shortcutOf } from './shortcuts';

export interface GlobalKeyActions {
  onHelp(): void;
}

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable;
}

/** The keys that work anywhere (scope 'anywhere' of the shortcut table), except while typing or in a dialog. */
export function useGlobalKeys(actions: GlobalKeyActions): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutOf(e, 'anywhere');
      if (id === null) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if (id === 'help') {
        if (typingInField(e.target)) return;
        e.preventDefault();
        current.current.onHelp();
      } else if (id === 'next-region' || id === 'previous-region') {
        e.preventDefault();
        focusRegion(id === 'next-region' ? 1 : -1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
