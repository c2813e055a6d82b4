import { useState } from 'react';
import { LABELS, LABEL_TITLES, type Annotation, type Label } from '../../../shared/model';

export interface AnnotationsPanelProps {
  annotations: Annotation[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/** The annotations of the open article, grouped by label, filterable, navigable by keyboard. */
export function AnnotationsPanel({ annotations, selectedId, onSelect }: AnnotationsPanelProps) {
  const [filter, setFilter] = useState<Label | null>(null);
  const shown = filter ? annotations.filter((a) => a.label === filter) : annotations;
  const ordered = LABELS.flatMap((label) => shown.filter((a) => a.label === label));
  const inConflict = conflictedIds(annotations);

  const move = (from: string, delta: number) => {
    const i = ordered.findIndex((a) => a.id === from);
    const next = ordered[i + delta];
    if (next) onSelect(next.id);
  };

  return (
    <aside className="panel">
      <div className="panel-filters" role="group" aria-label="Filter annotations">
        <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
          All {annotations.length}
        </button>
        {LABELS.map((label) => (
          <button key={label} type="button" aria-pressed={filter === label} onClick={() => setFilter(filter === label ? null : label)}>
            {LABEL_TITLES[label]} {annotations.filter((a) => a.label === label).length}
          </button>
        ))}
      </div>
      <div className="panel-list" role="list" aria-label="Annotations">
        {LABELS.map((label) => {
          const group = ordered.filter((a) => a.label === label);
          if (group.length === 0) return null;
          return [
            <div key={`h-${label}`} className="panel-group" role="presentation">
              {LABEL_TITLES[label]} ({group.length})
            </div>,
            ...group.map((a) => (
              <div
                key={a.id}
                role="listitem"
                tabIndex={a.id === selectedId || (selectedId === null && a === ordered[0]) ? 0 : -1}
                aria-selected={a.id === selectedId}
                data-annotation-id={a.id}
                className={`panel-row label-${a.label}${a.status === 'orphaned' ? ' orphaned' : ''}`}
                ref={(el) => {
                  if (el && a.id === selectedId && el.contains(document.activeElement) === false && document.activeElement?.closest('.panel-list')) el.focus();
                }}
                onClick={() => onSelect(a.id)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    move(a.id, 1);
                  } else if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    move(a.id, -1);
                  }
                }}
              >
                <span className="quote">
                  {a.status === 'orphaned' ? <strong title="Its text was deleted by a correction">Orphaned: </strong> : null}
                  {inConflict.has(a.id) ? <strong className="conflict" title="A merged bundle brought a different version">Conflict: </strong> : null}
                  {a.quote}
                </span>
                {a.note ? <span className="note">{a.note.slice(0, 120)}</span> : null}
              </div>
            )),
          ];
        })}
        {annotations.length === 0 ? <div className="panel-empty">Select text and press 1–4 to tag it.</div> : null}
      </div>
    </aside>
  );
}

/** Annotations with another version from a merged bundle still present beside them. */
export function conflictedIds(annotations: Annotation[]): Set<string> {
  const ids = new Set(annotations.map((a) => a.id));
  const out = new Set<string>();
  for (const a of annotations) {
    if (a.conflictOf && ids.has(a.conflictOf)) {
      out.add(a.id);
      out.add(a.conflictOf);
    }
  }
  return out;
}
