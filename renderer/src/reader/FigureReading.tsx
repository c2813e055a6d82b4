import { normaliseFigure } from '../../../shared/figure-normalise';
import type { Annotation, AnyAttrs } from '../../../shared/model';

export interface FigureReadingProps {
  annotation: Annotation;
  language: string | null;
  /** Saves attributes; confirming a figure takes `auto` off. */
  onEdit(attrs: AnyAttrs): void;
}

/**
 * What the normaliser reads in a figure's quote, or why it cannot, and whether the values shown
 * were filled in by the app and still wait for the analyst to confirm them.
 */
export function FigureReading({ annotation: a, language, onEdit }: FigureReadingProps) {
  const reading = normaliseFigure(a.quote, { language });
  return (
    <div className="figure-reading" role="note" aria-label="Figure reading">
      {reading.ok ? <span>Normalised: {reading.read}</span> : <span className="broken">Not read: {reading.reason}. Fill in the value yourself.</span>}
      {a.attrs.auto === true ? (
        <span>
          {' '}
          <strong>Auto</strong>: filled in by Spanwise, not confirmed.{' '}
          <button type="button" onClick={() => onEdit({ auto: null })}>
            Confirm figure
          </button>
        </span>
      ) : null}
    </div>
  );
}
