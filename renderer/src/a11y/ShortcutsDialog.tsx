import { useRef } from 'react';
import { useModalFocus } from './useModalFocus';
import { SCOPE_TITLES, SHORTCUTS, displayCombo, type ShortcutScope } from './shortcuts';

export interface ShortcutsDialogProps {
  onClose(): void;
}

const ORDER: ShortcutScope[] = ['anywhere', 'reader', 'text', 'list', 'menu'];

/** The Keyboard shortcuts dialog: the shortcut table itself, grouped by where each key works. */
export function ShortcutsDialog({ onClose }: ShortcutsDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  // Its only control is the Close button; the list scrolls, and takes focus to do so.
  useModalFocus(dialog, { initial: 'button', focusables: 'button, [tabindex="0"]', onEscape: onClose });

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
