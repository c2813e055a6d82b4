import { useCallback, useEffect, useState } from 'react';
import { figureText } from '../../../shared/disagreements';
import type { Disagreement } from '../../../shared/ipc/figures';
import { useListbox } from '../a11y/useListbox';
import { call } from '../api/client';
import { ResolveDialog, resolutionText } from '../widgets/ResolveDialog';
import { useResolutions } from '../widgets/useResolutions';
import './figures.css';

export interface FiguresViewProps {
  /** Opens the reader on a figure (its annotation in its article). */
  onOpenFigure(articleId: string, annotationId: string): void;
  /** Changes when the library changes. */
  revision: number;
}

/**
 * Figures that disagree, conflicts first: each with its reports' quotes side by side (value,
 * source, date, whether the app read the value unconfirmed). The list is one tab stop (arrow keys
 * move, Enter resolves the active one); Resolve records the analyst's decision, Undo takes it back.
 */
export function FiguresView({ onOpenFigure, revision }: FiguresViewProps) {
  const [items, setItems] = useState<Disagreement[]>([]);
  const [total, setTotal] = useState(0);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const { resolving, setResolving, undo, save, undoLast, error: undoError } = useResolutions(useCallback(() => setReload((n) => n + 1), []));
  const error = listError ?? undoError;

  useEffect(() => {
    let live = true;
    call('figures/disagreements', { limit: 500 }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setTotal(page.total);
        setListError(null);
      },
      (err: Error) => live && setListError(err.message),
    );
    return () => {
      live = false;
    };
  }, [revision, reload]);

  const listbox = useListbox({ count: items.length, onOpen: (i) => setResolving(items[i] ?? null) });
  const active = items[listbox.active] ?? null;

  return (
    <main
      className="figures-view"
      aria-label="Figures"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && undo && !resolving) {
          e.preventDefault();
          void undoLast();
        }
      }}
    >
      <header className="figures-head">
        <h1>Disagreements</h1>
        <span role="status">
          {total} disagreement(s): {items.filter((d) => d.kind === 'conflict').length} conflict(s)
          {undo ? ` · resolved ${undo.label}` : ''}
        </span>
        <button type="button" disabled={!active} onClick={() => setResolving(active)}>
          Resolve
        </button>
        <button type="button" disabled={!undo} onClick={() => void undoLast()}>
          Undo
        </button>
      </header>
      {error ? <p role="alert">{error}</p> : null}
      {items.length === 0 && !error ? <p className="empty">No figures disagree: figures of the same count and unit within an article or an incident all agree.</p> : null}
      <div role="listbox" aria-label="Disagreements" className="disagreements" {...listbox.listProps(true)}>
        {items.map((d, i) => (
          <div
            key={d.id}
            id={listbox.optionId(i)}
            role="option"
            aria-selected={i === listbox.active}
            className={`disagreement ${d.kind}`}
            onClick={() => listbox.setActive(i)}
            onDoubleClick={() => setResolving(d)}
          >
            <div className="disagreement-head">
              <strong className={`kind ${d.kind}`}>{d.kind === 'conflict' ? 'Conflict' : 'Variance'}</strong> {d.counts} {d.unit}{' '}
              <span className="scope">in {d.scope === 'incident' ? 'an incident' : 'one article'}</span> <span className="resolution">{resolutionText(d.resolution)}</span>
            </div>
            <ul className="quotes" aria-label="Reports">
              {d.values.map((v) => (
                <li key={v.spanId} className="quote-card">
                  <span className="value">{figureText(v)}</span>
                  {v.auto ? <span className="auto"> (read by Spanwise, not confirmed)</span> : null}
                  <q>{v.quote}</q>
                  <span className="where">
                    {v.source ?? v.articleTitle}
                    {v.publishedAt ? `, ${v.publishedAt}` : ''}
                  </span>
                  <a
                    href="#"
                    tabIndex={-1}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpenFigure(v.articleId, v.spanId);
                    }}
                  >
                    Open
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {resolving ? <ResolveDialog disagreement={resolving} onSave={(r) => save(resolving, r)} onClose={() => setResolving(null)} /> : null}
    </main>
  );
}
