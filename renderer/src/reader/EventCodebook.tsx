import { useState } from 'react';
import { datePrecision } from '../../../shared/codebook';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { addToCodebook, useCodebook } from '../codebook/useCodebook';

export interface EventCodebookProps {
  event: Annotation;
  /** Saves attributes (an edit of the annotation, so the reader's undo takes it back). */
  onEdit(attrs: AnyAttrs): Promise<unknown>;
  onProblem(message: string): void;
}

const str = (v: AnyAttrs[string] | undefined) => (typeof v === 'string' ? v : '');

/** The event's type and sub-type from the library's codebook, and adding a type of the analyst's own. */
export function EventCodebook({ event, onEdit, onProblem }: EventCodebookProps) {
  const { types, error } = useCodebook();
  const type = str(event.attrs.type);
  const subType = str(event.attrs.subType);
  const entry = types.find((t) => t.type === type);
  const [adding, setAdding] = useState(false);
  const [newType, setNewType] = useState('');
  const [newSub, setNewSub] = useState('');
  const save = (attrs: AnyAttrs) => void onEdit(attrs).catch(() => undefined);

  const add = () => {
    const t = newType.trim();
    const s = newSub.trim();
    if (!t) return;
    addToCodebook(t, s || undefined)
      .then(() => {
        setAdding(false);
        setNewType('');
        setNewSub('');
        save({ type: t, subType: s || null });
      })
      .catch((err: Error) => onProblem(err.message));
  };

  return (
    <div className="event-codebook">
      <label>
        Event type
        <select aria-label="Event type" value={type} onChange={(e) => save({ type: e.target.value || null, subType: null })}>
          <option value="">—</option>
          {/* A type the codebook no longer lists (an import's) stays shown as it is stored. */}
          {type && !entry ? <option value={type}>{type}</option> : null}
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.custom ? `${t.type} (yours)` : t.type}
            </option>
          ))}
        </select>
      </label>
      <label>
        Event sub-type
        <select aria-label="Event sub-type" value={subType} disabled={!type} onChange={(e) => save({ subType: e.target.value || null })}>
          <option value="">—</option>
          {subType && !entry?.subTypes.includes(subType) ? <option value={subType}>{subType}</option> : null}
          {(entry?.subTypes ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {error ? <span className="field-problem">{error}</span> : null}
      {adding ? (
        <div
          className="codebook-add"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setAdding(false);
            }
          }}
        >
          <label>
            New event type
            <input
              aria-label="New event type"
              value={newType}
              placeholder="A type of your own"
              onChange={(e) => setNewType(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && add()}
              // Opened to type in: focus goes straight to the field.
              autoFocus
            />
          </label>
          <label>
            New sub-type (optional)
            <input aria-label="New sub-type" value={newSub} onChange={(e) => setNewSub(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
          </label>
          <button type="button" onClick={add} disabled={!newType.trim()}>
            Add to codebook
          </button>{' '}
          <button type="button" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="codebook-open"
          onClick={() => {
            // A sub-type of the type chosen is the likelier addition; the field holds it, to keep or replace.
            setNewType(type);
            setAdding(true);
          }}
        >
          Add a type…
        </button>
      )}
    </div>
  );
}

const PRECISION_TITLES = { day: 'to the day', week: 'to the week', month: 'to the month', year: 'to the year' } as const;

/** How precise the event's date is, read from the partial ISO date. */
export function DatePrecision({ date }: { date: AnyAttrs[string] | undefined }) {
  const precision = datePrecision(typeof date === 'string' ? date : null);
  if (!precision) return null;
  return (
    <span className="date-precision" role="note" aria-label="Precision of the date">
      Known {PRECISION_TITLES[precision]}
    </span>
  );
}
