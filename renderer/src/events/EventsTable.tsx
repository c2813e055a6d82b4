import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { EventRecord, EventSort } from '../../../shared/ipc/events';
import { useListbox } from '../a11y/useListbox';
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
 * The events as a table: one tab stop, the arrow keys (Page Up/Down, Home, End) move the active
 * row, Enter opens it. Only the rows in view are drawn, whatever the size of the library; the
 * header's buttons sort by their column.
 */
export function EventsTable({ total, itemAt, sort, descending, onSort, onOpen }: EventsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const rows = virtualizer.getVirtualItems();
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);
  const list = useListbox({
    count: total,
    pageSize: page,
    reveal: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    onOpen: (index) => {
      const record = itemAt(index);
      if (record) onOpen(record);
    },
  });
  const activeRendered = rows.some((r) => r.index === list.active);

  return (
    <div className="events-table" role="table" aria-label="Events" aria-rowcount={total + 1} {...list.listProps(activeRendered)}>
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
                id={list.optionId(row.index)}
                role="row"
                aria-rowindex={row.index + 2}
                data-active={row.index === list.active ? 'true' : undefined}
                aria-selected={row.index === list.active}
                className="events-row"
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  list.setActive(row.index);
                  if (r) onOpen(r);
                }}
              >
                {r ? (
                  COLUMNS.map((c) => {
                    const detail = c.detail?.(r) ?? '';
                    return (
                      <div key={c.key} role="cell" className={`events-cell col-${c.key}`} title={`${c.cell(r)}${detail ? `\n${detail}` : ''}`}>
                        <span className="events-main">{c.cell(r)}</span>
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
