import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';

export interface ToolbarProps {
  onTag(label: Label): void;
  onUndo(): void;
  onRedo(): void;
  canUndo: boolean;
  canRedo: boolean;
  correcting: boolean;
  onCorrect(): void;
  onCorrectDone(): void;
  onCorrectCancel(): void;
  saving: boolean;
}

export function Toolbar(props: ToolbarProps) {
  if (props.correcting) {
    return (
      <div className="toolbar" role="toolbar" aria-label="Correct text">
        <strong>Correcting text</strong>
        <span className="hint">Fix typos or OCR errors; annotations move with their text.</span>
        <span className="spacer" />
        <button type="button" onClick={props.onCorrectDone}>
          Apply correction
        </button>
        <button type="button" onClick={props.onCorrectCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="toolbar" role="toolbar" aria-label="Tag">
      {LABELS.map((label, i) => (
        <button
          key={label}
          type="button"
          className={`tag-${label}`}
          aria-keyshortcuts={String(i + 1)}
          // Keeps the text selection alive: a button that took focus would collapse it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => props.onTag(label)}
        >
          {LABEL_TITLES[label]}
          <kbd aria-hidden="true">{i + 1}</kbd>
        </button>
      ))}
      <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z">
        Redo
      </button>
      <button type="button" onClick={props.onCorrect}>
        Correct text
      </button>
      <span className="spacer" />
      <span className="legend" aria-label="Legend">
        {LABELS.map((label) => (
          <span key={label}>
            <span className={`swatch swatch-${label}`} aria-hidden="true" />
            {LABEL_TITLES[label]}
          </span>
        ))}
      </span>
      <span className="save-state" role="status">
        {props.saving ? 'Saving…' : 'Saved'}
      </span>
    </div>
  );
}
