import { useEffect, useRef } from 'react';
import { LABELS, type Annotation, type Label } from '../../../shared/model';
import { shortcutOf } from '../a11y/shortcuts';

export interface MenuState {
  x: number;
  y: number;
  /** 'tag': a text selection; 'pick': several annotations under a click; 'annotation': right-click on a highlight. */
  kind: 'tag' | 'pick' | 'annotation';
  ids: string[];
}

export interface MenuProps {
  state: MenuState;
  annotations: ReadonlyMap<string, Annotation>;
  titles: Record<Label, string>;
  onClose(): void;
  onTag(label: Label): void;
  onPick(id: string): void;
  onRetag(id: string, label: Label): void;
  onDelete(id: string): void;
}

export function Menu({ state, annotations, titles, onClose, onTag, onPick, onRetag, onDelete }: MenuProps) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof MouseEvent && ref.current?.contains(e.target as Node)) return;
      onClose();
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
      // Focus goes back where the menu was opened from (the text), never to the page's body.
      const lost = document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;
      if (lost && before?.isConnected) before.focus({ preventScroll: true });
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const id = shortcutOf(e, 'menu');
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const to =
      id === 'menu-down' ? (at + 1) % buttons.length
      : id === 'menu-up' ? (at - 1 + buttons.length) % buttons.length
      : id === 'menu-first' ? 0
      : id === 'menu-last' ? buttons.length - 1
      : null;
    if (to !== null) {
      e.preventDefault();
      buttons[to]?.focus();
    } else if (id === 'menu-close' && e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };

  const act = (fn: () => void) => () => {
    fn();
    onClose();
  };
  const items: { key: string; title: string; run: () => void }[] = [];
  if (state.kind === 'tag') {
    for (const label of LABELS) items.push({ key: label, title: `Tag as ${titles[label]}`, run: () => onTag(label) });
  } else {
    for (const id of state.ids) {
      const a = annotations.get(id);
      if (!a) continue;
      const quote = a.quote.length > 50 ? `${a.quote.slice(0, 50)}…` : a.quote;
      items.push({ key: `pick-${id}`, title: `${titles[a.label]}: ${quote}`, run: () => onPick(id) });
      if (state.kind === 'annotation') {
        for (const label of LABELS) {
          if (label !== a.label) items.push({ key: `retag-${id}-${label}`, title: `  Retag as ${titles[label]}`, run: () => onRetag(id, label) });
        }
        items.push({ key: `delete-${id}`, title: '  Delete', run: () => onDelete(id) });
      }
    }
  }
  return (
    <ul className="picker" role="menu" aria-label={state.kind === 'tag' ? 'Tag the selection' : 'Annotations here'} ref={ref} style={{ left: state.x, top: state.y }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li key={item.key} role="none">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onClick={act(item.run)}
          >
            {item.title}
          </button>
        </li>
      ))}
    </ul>
  );
}
