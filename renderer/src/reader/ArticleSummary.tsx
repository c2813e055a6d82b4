import { useCallback, useEffect, useMemo, useState } from 'react';
import { LABELS, LABEL_TITLES, type Annotation } from '../../../shared/model';
import { call } from '../api/client';
import { labelCounts, linkedEntities } from './articleSummary';
import { ArticleDisagreements } from './ArticleDisagreements';

export interface ArticleSummaryProps {
  articleId: string;
  annotations: readonly Annotation[];
}

/** How many linked entities the summary names; the rest are counted. */
const NAMED = 8;

/** The open article at a glance: annotations per label, the entities they link to, disagreements. */
export function ArticleSummary({ articleId, annotations }: ArticleSummaryProps) {
  const counts = useMemo(() => labelCounts(annotations), [annotations]);
  const [resolved, setResolved] = useState(0);
  const disagreements = useDisagreementCounts(articleId, annotations, resolved);
  const onResolved = useCallback(() => setResolved((n) => n + 1), []);
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
        {disagreements ? <p className="summary-disagreements">{disagreementLine(disagreements)}</p> : null}
        {disagreements && disagreements.total > 0 ? <ArticleDisagreements articleId={articleId} annotations={annotations} onChanged={onResolved} /> : null}
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

interface DisagreementCounts {
  total: number;
  conflicts: number;
  unresolved: number;
}

function disagreementLine({ total, conflicts, unresolved }: DisagreementCounts): string {
  if (total === 0) return 'No disagreements between figures';
  const kinds = `${total} ${total === 1 ? 'disagreement' : 'disagreements'} between figures (${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'})`;
  return unresolved === 0 ? `${kinds}, all resolved` : `${kinds}, ${unresolved} to resolve in Figures`;
}

/**
 * The article's own disagreements between figures, asked again whenever its annotations change
 * (the store recomputes only what a change touched). Null until the first answer, and when the
 * figures layer cannot answer, so the summary never shows a count it does not have.
 */
function useDisagreementCounts(articleId: string, annotations: readonly Annotation[], resolved: number): DisagreementCounts | null {
  const [counts, setCounts] = useState<DisagreementCounts | null>(null);
  const hasFigures = annotations.some((a) => a.label === 'figure');
  useEffect(() => {
    if (!hasFigures) {
      setCounts({ total: 0, conflicts: 0, unresolved: 0 });
      return;
    }
    let live = true;
    const scope = { scope: 'article' as const, scopeId: articleId, limit: 1 };
    void Promise.all([
      call('figures/disagreements', scope),
      call('figures/disagreements', { ...scope, kind: 'conflict' }),
      call('figures/disagreements', { ...scope, unresolved: true }),
    ]).then(
      ([all, conflicts, unresolved]) => {
        if (live) setCounts({ total: all.total, conflicts: conflicts.total, unresolved: unresolved.total });
      },
      () => {
        if (live) setCounts(null);
      },
    );
    return () => {
      live = false;
    };
  }, [articleId, annotations, hasFigures, resolved]);
  return counts;
}
