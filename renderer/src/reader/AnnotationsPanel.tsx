import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LABELS, LABEL_TITLES, type Annotation, type Label } from '../../../shared/model';

export interface AnnotationsPanelProps {
  annotations: Annotation[];
  selectedId: string | null;
  onSelect(id: string): void;
}

type Row = { kind: 'group'; label: Label; count: number } | { kind: 'item'; annotation: Annotation };

const GROUP_HEIGHT = 30;
const ITEM_HEIGHT = 48;

/**
 * The annotations of the open article, grouped by label, filterable and navigable by keyboard.
 * Virtualised: an article with thousands of annotations renders only the rows in view.
 */
export function AnnotationsPanel({ annotations, selectedId, onSelect }: AnnotationsPanelProps) {
  const [filter, setFilter] = useState<Label | null>(null);
  const counts = useMemo(() => countByLabel(annotations), [annotations]);
  const inConflict = useMemo(() => conflictedIds(annotations), [annotations]);
  const { rows, ordered } = useMemo(() => {
    const rows: Row[] = [];
    const ordered: Annotation[] = [];
    for (const label of LABELS) {
      if (filter && filter !== label) continue;
      const group = annotations.filter((a) => a.label === label);
      if (group.length === 0) continue;
      rows.push({ kind: 'group', label, count: group.length });
      for (const annotation of group) {
        rows.push({ kind: 'item', annotation });
        ordered.push(annotation);
      }
    }
    return { rows, ordered };
  }, [annotations, filter]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ITEM_HEIGHT),
    overscan: 10,
  });

  const selectedRow = rows.findIndex((r) => r.kind === 'item' && r.annotation.id === selectedId);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const move = (from: string, delta: number) => {
    const i = ordered.findIndex((a) => a.id === from);
    const next = ordered[i + delta];
    if (!next) return;
    onSelect(next.id);
    // Focus follows the selection once the row is rendered.
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(next.id)}"]`)?.focus());
  };

  return (
    <aside className="panel">
      <div className="panel-filters" role="group" aria-label="Filter annotations">
        <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
          All {annotations.length}
        </button>
        {LABELS.map((label) => (
          <button
            key={label}
            type="button"
            aria-pressed={filter === label}
            aria-label={`Only ${LABEL_TITLES[label]} (${counts[label]})`}
            onClick={() => setFilter(filter === label ? null : label)}
          >
            {LABEL_TITLES[label]} {counts[label]}
          </button>
        ))}
      </div>
      <div className="panel-list" ref={scroller}>
        <div role="list" aria-label="Annotations" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const style = { transform: `translateY(${v.start}px)`, height: v.size };
            if (row.kind === 'group') {
              return (
                <div key={`h-${row.label}`} className="panel-group" role="presentation" style={style}>
                  {LABEL_TITLES[row.label]} ({row.count})
                </div>
              );
            }
            const a = row.annotation;
            return (
              <div
                key={a.id}
                role="listitem"
                tabIndex={a.id === selectedId || (selectedId === null && a === ordered[0]) ? 0 : -1}
                aria-selected={a.id === selectedId}
                data-annotation-id={a.id}
                className={`panel-row label-${a.label}${a.status === 'orphaned' ? ' orphaned' : ''}`}
                style={style}
                onClick={() => onSelect(a.id)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    move(a.id, e.key === 'ArrowDown' ? 1 : -1);
                  }
                }}
              >
                <span className="quote">
                  {a.status === 'orphaned' ? <strong title="Its text was deleted by a correction">Orphaned: </strong> : null}
                  {inConflict.has(a.id) ? (
                    <strong className="conflict" title="A merged bundle brought a different version">
                      Conflict:{' '}
                    </strong>
                  ) : null}
                  {a.quote}
                </span>
                {a.note ? <span className="note">{a.note.slice(0, 120)}</span> : null}
              </div>
            );
          })}
        </div>
        {annotations.length === 0 ? <div className="panel-empty">Select text and press 1–4 to tag it.</div> : null}
      </div>
    </aside>
  );
}

function countByLabel(annotations: Annotation[]): Record<Label, number> {
  const counts: Record<Label, number> = { event: 0, claim: 0, actor: 0, figure: 0 };
  for (const a of annotations) counts[a.label]++;
  return counts;
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
