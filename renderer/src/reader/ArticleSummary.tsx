import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { LABELS, LABEL_TITLES, type Annotation } from '../../../shared/model';
import { call } from '../api/client';
import { labelCounts, linkedEntities } from './articleSummary';

export interface ArticleSummaryProps {
  annotations: readonly Annotation[];
  /**
   * The article's disagreements between figures, once the figures' layer provides them: shown as
   * one more line of the summary. Nothing is shown while it is undefined.
   */
  disagreements?: ReactNode;
}

/** How many linked entities the summary names; the rest are counted. */
const NAMED = 8;

/** The open article at a glance: annotations per label, the entities they link to, disagreements. */
export function ArticleSummary({ annotations, disagreements }: ArticleSummaryProps) {
  const counts = useMemo(() => labelCounts(annotations), [annotations]);
  const linked = useMemo(() => linkedEntities(annotations), [annotations]);
  const names = useEntityNames(linked.slice(0, NAMED).map((e) => e.id));
  return (
    <details className="article-summary" open>
      <summary>Summary</summary>
      <section aria-label="Article summary">
        <p className="summary-counts">
          {LABELS.map((l) => (
            <span key={l} className={`count label-${l}`}>
              {LABEL_TITLES[l]} {counts[l]}
            </span>
          ))}
        </p>
        <p className="summary-linked">
          {linked.length === 0
            ? 'No linked entities'
            : `Linked: ${linked
                .slice(0, NAMED)
                .map((e) => `${names.get(e.id) ?? '…'}${e.mentions > 1 ? ` ×${e.mentions}` : ''}`)
                .join(', ')}${linked.length > NAMED ? ` and ${linked.length - NAMED} more` : ''}`}
        </p>
        {disagreements !== undefined ? <div className="summary-disagreements">{disagreements}</div> : null}
      </section>
    </details>
  );
}

/** The registry names of `ids`, read once each (a name missing from the registry reads as its id). */
function useEntityNames(ids: string[]): Map<string, string> {
  const [names, setNames] = useState(() => new Map<string, string>());
  const key = ids.join('\n');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split('\n') : [];
    const missing = wanted.filter((id) => !names.has(id));
    if (missing.length === 0) return;
    void Promise.all(
      missing.map((id) =>
        call('entities/get', { id })
          .then((e) => [id, e.name] as const)
          // An entity deleted meanwhile: the link is shown by its id rather than not at all.
          .catch(() => [id, id] as const),
      ),
    ).then((found) => {
      if (!live) return;
      setNames((old) => new Map([...old, ...found]));
    });
    return () => {
      live = false;
    };
    // names is read only to skip what is known: a change of names alone needs no new read.
  }, [key]);
  return names;
}
