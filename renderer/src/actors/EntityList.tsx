import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { EntitySummary } from '../../../shared/ipc/entities';
import { listStep } from '../a11y/listStep';
import { shortcutOf } from '../a11y/shortcuts';
import { kindTitle } from '../registry/entityOptions';

export interface EntityListProps {
  total: number;
  itemAt(index: number): EntitySummary | undefined;
  selectedId: string | null;
  onSelect(entity: EntitySummary): void;
}

const ROW_HEIGHT = 44;
const KEYS_HINT = '↑ ↓: previous and next · Home, End · Enter: open';

/**
 * Every entity the filter keeps, virtualised: only the rows in view are drawn, whatever the size
 * of the registry. The rows are one tab stop; the arrow keys move along them, opening each.
 */
export function EntityList({ total, itemAt, selectedId, onSelect }: EntityListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const focusIndex = useRef<number | null>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const rows = virtualizer.getVirtualItems();
  const selectedIndex = selectedId === null ? -1 : rows.find((r) => itemAt(r.index)?.id === selectedId)?.index ?? -1;

  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    const item = itemAt(index);
    if (row && item) {
      focusIndex.current = null;
      row.focus();
    }
  });

  const moveTo = (index: number) => {
    const to = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(to, { align: 'auto' });
    focusIndex.current = to;
    const item = itemAt(to);
    if (item) onSelect(item);
  };

  // The list keys of the shortcut table (scope 'list'), as every list of the app has them.
  const onKeyDown = (e: React.KeyboardEvent, index: number, item: EntitySummary | undefined) => {
    const shortcut = shortcutOf(e, 'list');
    if (shortcut === 'list-open') {
      e.preventDefault();
      if (item) onSelect(item);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const to = listStep(shortcut, index, total, page);
    if (to === null) return;
    e.preventDefault();
    moveTo(to);
  };

  const tabbable = selectedIndex >= 0 ? selectedIndex : (rows[0]?.index ?? 0);
  return (
    <div className="entity-list" ref={scroller}>
      <div role="list" aria-label="Actors" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const item = itemAt(row.index);
          return (
            <div
              key={row.key}
              role="listitem"
              data-index={row.index}
              tabIndex={row.index === tabbable ? 0 : -1}
              aria-current={item !== undefined && item.id === selectedId ? 'true' : undefined}
              aria-keyshortcuts="ArrowDown ArrowUp Home End Enter"
              title={KEYS_HINT}
              className="entity-row"
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => item && onSelect(item)}
              onKeyDown={(e) => onKeyDown(e, row.index, item)}
            >
              {item ? (
                <>
                  <span className="entity-name">{item.name}</span>
                  <span className="entity-kind">{kindTitle(item)}</span>
                  <span className="entity-count" title="Mentions">
                    {item.mentions} <small>{item.mentions === 1 ? 'mention' : 'mentions'}</small>
                  </span>
                  <span className="entity-count" title="Articles">
                    {item.articles} <small>{item.articles === 1 ? 'article' : 'articles'}</small>
                  </span>
                </>
              ) : (
                <span className="entity-name placeholder">…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
