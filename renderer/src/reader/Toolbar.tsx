import { useSyncExternalStore } from 'react';
import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';
import { LABEL_INITIALS } from '../editor/cue';
import type { ReaderSession } from './session';

export interface ToolbarProps {
  onTag(label: Label): void;
  onUndo(): void;
  onRedo(): void;
  canUndo: boolean;
  canRedo: boolean;
  correcting: boolean;
  /** A correction is on its way to the store. */
  applying: boolean;
  onCorrect(): void;
  onCorrectDone(): void;
  onCorrectCancel(): void;
  saving: boolean;
  session: ReaderSession;
}

/** What the status line says: never "Saved" while something is on its way or was refused. */
export function saveState(saving: boolean, failed: boolean): string {
  if (saving) return 'Saving…';
  return failed ? 'Not saved' : 'Saved';
}

/**
 * The status line. It follows the session at once, on its own: it must say "Saving…" from the
 * moment an operation is queued, while the rest of the reader's chrome re-renders after the
 * frame that draws a key press (a render of this alone costs next to nothing).
 */
function SaveStatus({ session }: { session: ReaderSession }) {
  const saving = useSyncExternalStore(session.subscribe, () => session.pending > 0);
  // The last refused operation is still unresolved (shown beside, with its reason).
  const failed = useSyncExternalStore(session.subscribe, () => session.error !== null);
  const notice = useSyncExternalStore(session.subscribe, () => session.notice);
  return (
    <>
      <span className="save-state" role="status">
        {saveState(saving, failed)}
      </span>
      {notice ? (
        <span className="notice-line" role="status">
          {notice}
        </span>
      ) : null}
    </>
  );
}

export function Toolbar(props: ToolbarProps) {
  const status = <SaveStatus session={props.session} />;
  if (props.correcting) {
    return (
      <div className="toolbar" role="group" aria-label="Correct text">
        <strong>Correcting text</strong>
        <span className="hint">Fix typos or OCR errors; annotations move with their text. Ctrl+Z undoes a change.</span>
        <span className="spacer" />
        <button type="button" onClick={props.onCorrectDone} disabled={props.applying}>
          {props.applying ? 'Applying…' : 'Apply correction'}
        </button>
        <button type="button" onClick={props.onCorrectCancel} disabled={props.applying}>
          Cancel
        </button>
        {status}
      </div>
    );
  }
  return (
    <div className="toolbar" role="group" aria-label="Tag">
      {LABELS.map((label, i) => (
        <button
          key={label}
          type="button"
          className={`tag-${label}`}
          aria-keyshortcuts={String(i + 1)}
          title={`Tag the selection as ${LABEL_TITLES[label]} (key ${i + 1})`}
          // Keeps the text selection alive: a button that took focus would collapse it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onTag(label)}
        >
          {LABEL_TITLES[label]}
          <kbd aria-hidden="true">{i + 1}</kbd>
        </button>
      ))}
      <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      {/* The correction starts from the text on screen, which a change still on its way may replace. */}
      <button
        type="button"
        onClick={props.onCorrect}
        disabled={props.saving}
        title={props.saving ? 'Wait until the changes are saved to correct the text' : 'Correct typos or OCR errors in the text'}
      >
        Correct text
      </button>
      <span className="spacer" />
      <span className="legend" aria-label="Legend">
        {LABELS.map((label) => (
          <span key={label} className="legend-item">
            <span className="swatch cue" data-label={label} data-u0={label} data-starts={LABEL_INITIALS[label]} aria-hidden="true" />
            {LABEL_TITLES[label]}
          </span>
        ))}
        <span className="legend-keys" title="Step through the annotations in the order of the panel">
          <kbd>N</kbd>/<kbd>P</kbd> next/previous · <kbd>Del</kbd> remove
        </span>
      </span>
      {status}
    </div>
  );
}
