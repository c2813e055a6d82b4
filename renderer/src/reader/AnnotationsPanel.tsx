import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { LABELS, LABEL_TITLES, type Annotation, type Label } from '../../../shared/model';
import { countByLabel, revealOffset, type PanelView } from './panelOrder';
import { attrSummary, rowContext } from './rowSummary';

export interface AnnotationsPanelProps {
  /** What the panel lists, in order (panelView); next and previous follow the same order. */
  view: PanelView;
  annotations: Annotation[];
  /** The article's text, for each row's paragraph context. */
  text: string;
  filter: Label | null;
  onFilter(filter: Label | null): void;
  selectedId: string | null;
  onSelect(id: string): void;
  onStep(delta: 1 | -1): void;
}

const GROUP_HEIGHT = 30;
const ITEM_HEIGHT = 66;
const KEYS_HINT = 'N or ↓: next annotation · P or ↑: previous';

/**
 * The annotations of the open article, grouped by label, filterable and navigable by keyboard.
 * Virtualised: an article with thousands of annotations renders only the rows in view.
 */
export function AnnotationsPanel({ view, annotations, text, filter, onFilter, selectedId, onSelect, onStep }: AnnotationsPanelProps) {
  const counts = useMemo(() => countByLabel(annotations), [annotations]);
  const inConflict = useMemo(() => conflictedIds(annotations), [annotations]);
  const { rows, ordered } = view;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ITEM_HEIGHT),
    overscan: 10,
  });

  const selectedRow = useMemo(() => rows.findIndex((r) => r.kind === 'item' && r.annotation.id === selectedId), [rows, selectedId]);
  useEffect(() => {
    if (selectedRow < 0) return;
    // Not virtualizer.scrollToIndex: it reads the list's scroll height again at every render and
    // frame until the scroll settles, each read a forced layout of the whole page (the article
    // included) while the key press that selected the row is still being drawn. The rows have
    // fixed heights, so where the row is and what is in view are known without reading layout;
    // the one write is done in the next frame, where it shares the layout the frame does anyway.
    const frame = requestAnimationFrame(() => revealRow(scroller.current, virtualizer, selectedRow));
    return () => cancelAnimationFrame(frame);
  }, [selectedRow, virtualizer]);

  // Focus follows the selection when it moves by keyboard inside the list.
  const focusSelected = useRef(false);
  useEffect(() => {
    if (!focusSelected.current || !selectedId) return;
    focusSelected.current = false;
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`)?.focus());
  }, [selectedId]);

  return (
    <aside className="panel">
      <div className="panel-filters" role="group" aria-label="Filter annotations">
        <button type="button" aria-pressed={filter === null} onClick={() => onFilter(null)}>
          All {annotations.length}
        </button>
        {LABELS.map((label) => (
          <button
            key={label}
            type="button"
            aria-pressed={filter === label}
            onClick={() => onFilter(filter === label ? null : label)}
          >
            {LABEL_TITLES[label]} {counts[label]}
          </button>
        ))}
      </div>
      <div className="panel-keys" aria-hidden="true">
        {KEYS_HINT}
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
                aria-current={a.id === selectedId ? 'true' : undefined}
                aria-keyshortcuts="N P ArrowDown ArrowUp"
                data-annotation-id={a.id}
                className={`panel-row label-${a.label}${a.status === 'orphaned' ? ' orphaned' : ''}`}
                style={style}
                onClick={() => onSelect(a.id)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    focusSelected.current = true;
                    onStep(e.key === 'ArrowDown' ? 1 : -1);
                  } else if (e.key === 'Enter' || e.key === ' ') {
                    // A row acts as a click does, for those who use no mouse.
                    e.preventDefault();
                    onSelect(a.id);
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
                <RowDetails annotation={a} text={text} />
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

/**
 * What tells rows with the same quote apart: the attributes in a few words and the words around
 * the quote in its paragraph. Drawn by the stylesheet from data attributes (generated content,
 * which screen readers read as part of the row), so the row's own text stays the quote: finding
 * a row by its text finds the annotation, not the ones beside it in the paragraph.
 */
function RowDetails({ annotation: a, text }: { annotation: Annotation; text: string }) {
  const summary = attrSummary(a);
  const context = a.status === 'orphaned' ? null : rowContext(text, a.start, a.end);
  return (
    <>
      {summary ? <span className="row-attrs" data-text={summary} /> : null}
      {context && (context.before || context.after) ? (
        <span className="row-context">
          <span data-text={context.before} />
          <span className="row-context-quote" data-text={a.quote} />
          <span data-text={context.after} />
        </span>
      ) : null}
    </>
  );
}

/** Scrolls the list just enough to show row `index` (as align 'auto' does); nothing if it is in view. */
function revealRow(element: HTMLElement | null, virtualizer: Virtualizer<HTMLDivElement, Element>, index: number): void {
  // Rebuilt by the render that gave the row its index; the position and size are the
  // virtualizer's own record of the list, kept from scroll and resize events.
  const row = virtualizer.measurementsCache[index];
  if (!element || !row) return;
  const offset = virtualizer.scrollOffset ?? element.scrollTop;
  const size = virtualizer.scrollRect?.height ?? element.clientHeight;
  const to = revealOffset(row, offset, size);
  if (to !== null) element.scrollTop = to;
}

/** Annotations with another version from a merged bundle still present beside them. */
export function conflictedIds(annotations: Annotation[]): Set<string> {
  const out = new Set<string>();
  if (!annotations.some((a) => a.conflictOf !== null)) return out;
  const ids = new Set(annotations.map((a) => a.id));
  for (const a of annotations) {
    if (a.conflictOf && ids.has(a.conflictOf)) {
      out.add(a.id);
      out.add(a.conflictOf);
    }
  }
  return out;
}
