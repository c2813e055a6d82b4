import { useEffect, useState } from 'react';
import type { ListItem } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import type { ListQuery } from './usePagedArticles';

/** Rows offered at once: enough to pick from a search's results; a longer list asks for a narrower search. */
export const PICKER_ROWS = 200;

export interface ArticlePickerProps {
  /** The library's current search and filters: the picker lists what the library shows. */
  query: ListQuery;
  chosen: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * Checkboxes over the articles the library currently lists, in its order. The library list has no
 * selection of its own, so choosing several articles to export happens here.
 */
export function ArticlePicker({ query, chosen, onChange }: ArticlePickerProps) {
  const [items, setItems] = useState<ListItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    call('articles/list', { ...(JSON.parse(key) as ListQuery), limit: PICKER_ROWS, offset: 0 })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setTotal(r.total);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [key]);

  if (error) return <div className="error">Could not list the articles: {error}</div>;
  if (!items) return <div>Loading articles…</div>;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <div className="article-picker">
      <div className="picker-bar">
        <span aria-live="polite">
          {chosen.length} of {total} chosen
        </span>{' '}
        <button type="button" onClick={() => onChange([...new Set([...chosen, ...items.map((i) => i.id)])])}>
          Choose all shown
        </button>{' '}
        <button type="button" onClick={() => onChange([])} disabled={chosen.length === 0}>
          Clear
        </button>
      </div>
      {/* Inline because styles.css is shared; the list scrolls inside the dialog rather than stretching it. */}
      <ul aria-label="Choose articles" className="picker-list" style={{ maxHeight: 220, overflowY: 'auto', listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => (
          <li key={item.id}>
            <label className="check">
              <input type="checkbox" checked={chosen.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} /> {item.title || '(untitled)'}
            </label>
          </li>
        ))}
      </ul>
      {total > items.length ? (
        <div className="picker-more">
          Showing the first {items.length} of {total}; narrow the library's search to choose among the rest.
        </div>
      ) : null}
    </div>
  );
}
