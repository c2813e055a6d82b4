import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { EventRecord, EventSort } from '../../../shared/ipc/events';
import { listStep } from '../a11y/listStep';
import { shortcutOf } from '../a11y/shortcuts';
import { dateText, figuresText, namesText } from './format';

export interface EventsTableProps {
  total: number;
  itemAt(index: number): EventRecord | undefined;
  sort: EventSort;
  descending: boolean;
  onSort(sort: EventSort): void;
  /** Enter or a click on a row: its reports (the incident's page, or the event in its article). */
  onOpen(record: EventRecord): void;
}

const ROW_HEIGHT = 48;

interface Column {
  key: string;
  title: string;
  sort?: EventSort;
  cell(r: EventRecord): string;
  /** A second, quieter line. */
  detail?(r: EventRecord): string;
}

const COLUMNS: Column[] = [
  { key: 'date', title: 'Date', sort: 'date', cell: dateText },
  { key: 'type', title: 'Type', sort: 'type', cell: (r) => r.eventType ?? '', detail: (r) => r.subEventType ?? '' },
  { key: 'actor', title: 'Actor', cell: (r) => namesText(r.actor), detail: (r) => (r.with.length > 0 ? `with ${namesText(r.with)}` : '') },
  { key: 'target', title: 'Target', cell: (r) => namesText(r.target) },
  { key: 'location', title: 'Location', sort: 'location', cell: (r) => r.location ?? '' },
  { key: 'figures', title: 'Figures', cell: (r) => figuresText(r.figures) },
  { key: 'source', title: 'Sources', sort: 'source', cell: (r) => r.source ?? '', detail: (r) => (r.incidentId ? 'Incident: all reports' : r.articleTitle) },
];

/**
 * The events as a table: one tab stop, the list keys of the shortcut table (arrows, Page Up/Down,
 * Home, End) move along the rows, Enter opens one. Focus moves from row to row (a table has no
 * active descendant in ARIA, unlike a listbox), as in the Actors list: only the rows in view are
 * drawn, whatever the size of the library, and a row moved to is focused once it is drawn. The
 * header's buttons sort by their column.
 */
export function EventsTable({ total, itemAt, sort, descending, onSort, onOpen }: EventsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const rows = virtualizer.getVirtualItems();
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, total - 1));
  const focusIndex = useRef<number | null>(null);

  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      focusIndex.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // The one tab stop: the active row, or the first drawn when the active one has scrolled away.
  const tabbable = rows.some((r) => r.index === current) ? current : (rows[0]?.index ?? 0);

  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const shortcut = shortcutOf(e, 'list');
    if (shortcut === 'list-open') {
      e.preventDefault();
      const record = itemAt(index);
      if (record) onOpen(record);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const to = listStep(shortcut, index, total, page);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    virtualizer.scrollToIndex(to, { align: 'auto' });
    focusIndex.current = to;
  };

  return (
    <div className="events-table" role="table" aria-label="Events" aria-rowcount={total + 1}>
      <div role="rowgroup" className="events-head">
        <div role="row" className="events-row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              className={`events-cell col-${c.key}`}
              aria-sort={c.sort && c.sort === sort ? (descending ? 'descending' : 'ascending') : undefined}
            >
              {c.sort ? (
                <button type="button" tabIndex={-1} onClick={() => c.sort && onSort(c.sort)} aria-label={`Sort by ${c.title.toLowerCase()}`}>
                  {c.title}
                  {c.sort === sort ? (descending ? ' ↓' : ' ↑') : ''}
                </button>
              ) : (
                c.title
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="events-body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const r = itemAt(row.index);
            return (
              <div
                key={row.key}
                data-index={row.index}
                role="row"
                aria-rowindex={row.index + 2}
                tabIndex={row.index === tabbable ? 0 : -1}
                data-active={row.index === current ? 'true' : undefined}
                aria-keyshortcuts="ArrowDown ArrowUp PageDown PageUp Home End Enter"
                className="events-row"
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onFocus={() => setActive(row.index)}
                onKeyDown={(e) => onKeyDown(e, row.index)}
                onClick={() => {
                  setActive(row.index);
                  if (r) onOpen(r);
                }}
              >
                {r ? (
                  COLUMNS.map((c) => {
                    const main = c.cell(r);
                    const detail = c.detail?.(r) ?? '';
                    return (
                      <div key={c.key} role="cell" className={`events-cell col-${c.key}`} title={`${main}${detail ? `\n${detail}` : ''}`}>
                        <span className="events-main">{main}</span>
                        {detail ? <span className="events-detail">{detail}</span> : null}
                      </div>
                    );
                  })
                ) : (
                  <div role="cell" className="events-cell placeholder">
                    …
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
