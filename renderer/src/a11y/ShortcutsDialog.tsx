import { useEffect, useRef } from 'react';
import { SCOPE_TITLES, SHORTCUTS, displayCombo, type ShortcutScope } from './shortcuts';

export interface ShortcutsDialogProps {
  onClose(): void;
}

const ORDER: ShortcutScope[] = ['anywhere', 'reader', 'text', 'list', 'menu'];

/** The Keyboard shortcuts dialog: the shortcut table itself, grouped by where each key works. */
export function ShortcutsDialog({ onClose }: ShortcutsDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab') {
        // A modal dialog keeps focus inside: its only control is the Close button and the list scrolls.
        const focusables = [...(dialog.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]') ?? [])];
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
      // Focus goes back where it was when the dialog opened: never lost to the page's body.
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog shortcuts-dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" ref={dialog}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <div className="shortcuts-body" tabIndex={0} role="region" aria-label="Shortcut list">
          {ORDER.map((scope) => (
            <table key={scope} className="shortcuts-table">
              <caption>{SCOPE_TITLES[scope]}</caption>
              <thead>
                <tr>
                  <th scope="col">Keys</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 ? ' or ' : null}
                          <kbd>{displayCombo(k)}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{s.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
        <div className="details-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
