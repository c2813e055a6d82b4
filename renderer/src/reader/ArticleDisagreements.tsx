import { useCallback, useEffect, useState } from 'react';
import { figureText } from '../../../shared/disagreements';
import type { Disagreement } from '../../../shared/ipc/figures';
import type { Annotation } from '../../../shared/model';
import { call } from '../api/client';
import { ResolveDialog, resolutionText } from '../widgets/ResolveDialog';
import { useResolutions } from '../widgets/useResolutions';

export interface ArticleDisagreementsProps {
  articleId: string;
  /** Changes with the article's annotations: the disagreements are read again. */
  annotations: readonly Annotation[];
  /** Hears each resolution and its undo, so the summary's counts follow. */
  onChanged(): void;
}

/**
 * The open article's own disagreements, each with Resolve, and Undo for the last decision, as in
 * the Figures view (Ctrl+Z in this list undoes the resolution, not the last edit of the text).
 */
export function ArticleDisagreements({ articleId, annotations, onChanged }: ArticleDisagreementsProps) {
  const [items, setItems] = useState<Disagreement[]>([]);
  const [reload, setReload] = useState(0);
  const changed = useCallback(() => {
    setReload((n) => n + 1);
    onChanged();
  }, [onChanged]);
  const { resolving, setResolving, undo, save, undoLast, error } = useResolutions(changed);
  useEffect(() => {
    let live = true;
    call('figures/disagreements', { scope: 'article', scopeId: articleId, limit: 50 }).then(
      (page) => live && setItems(page.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [articleId, annotations, reload]);
  if (items.length === 0 && !undo) return null;
  return (
    <div
      className="article-disagreements"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && undo && !resolving) {
          // The reader's own undo listens on the document: this one is the resolution's.
          e.preventDefault();
          e.stopPropagation();
          void undoLast();
        }
      }}
    >
      <ul aria-label="Article disagreements">
        {items.map((d) => (
          <li key={d.id} className={`disagreement ${d.kind}`}>
            <strong>{d.kind === 'conflict' ? 'Conflict' : 'Variance'}</strong> {d.counts} {d.unit}: {d.values.map((v) => figureText(v)).join(', ')}.{' '}
            <span className="resolution">{resolutionText(d.resolution)}</span>{' '}
            <button type="button" onClick={() => setResolving(d)} aria-label={`Resolve ${d.counts} ${d.unit}`}>
              Resolve
            </button>
          </li>
        ))}
      </ul>
      <button type="button" disabled={!undo} onClick={() => void undoLast()}>
        Undo resolution{undo ? ` of ${undo.label}` : ''}
      </button>
      {error ? <p role="alert">{error}</p> : null}
      {resolving ? <ResolveDialog disagreement={resolving} onSave={(r) => save(resolving, r)} onClose={() => setResolving(null)} /> : null}
    </div>
  );
}
