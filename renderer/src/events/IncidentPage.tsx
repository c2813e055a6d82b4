import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { dateText, figureText, namesText, typeText } from './format';

export interface IncidentPageProps {
  id: string;
  revision: number;
  onBack(): void;
  onOpenReport(articleId: string, annotationId: string): void;
}

type Answer = OutputOf<'incidents/get'>;

/** Earliest and latest of the reports' dates, as the incident's span of time. */
function span(dates: readonly (string | null)[]): string {
  const known = dates.filter((d): d is string => !!d).sort();
  if (known.length === 0) return 'no date';
  const first = known[0] as string;
  const last = known[known.length - 1] as string;
  return first === last ? first : `${first} to ${last}`;
}

/**
 * One incident: every report of it side by side (the quote, the article's title, source and
 * date, its roles and figures), each with a way into its article at the event.
 */
export function IncidentPage({ id, revision, onBack, onOpenReport }: IncidentPageProps) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    call('incidents/get', { id })
      .then((a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [id, revision]);

  // The page is where the keyboard is once it opens: its heading takes focus, Tab goes on to the reports.
  useEffect(() => {
    if (answer) heading.current?.focus();
  }, [answer !== null]);

  const reports = answer?.reports ?? [];
  const sources = [...new Set(reports.map((r) => r.record.source).filter((s): s is string => !!s))];
  return (
    <section className="incident-page" aria-label="Incident">
      <div className="incident-bar">
        <button type="button" onClick={onBack}>
          ← Back to events
        </button>
      </div>
      {error ? (
        <div role="alert" className="error">
          {error}
        </div>
      ) : null}
      {answer ? (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {answer.incident.title || `Incident, ${span(reports.map((r) => r.record.date))}`}
          </h2>
          <p className="incident-summary">
            {plural(reports.length, 'report')} from {plural(sources.length, 'source')}
            {sources.length > 0 ? `: ${sources.join(', ')}` : ''}.
          </p>
          <ul className="incident-reports" aria-label="Reports">
            {reports.map(({ record: r }) => (
              <li key={r.id} className="incident-report">
                <h3>{r.articleTitle || '(untitled)'}</h3>
                <div className="report-meta">
                  {[r.source, r.publishedAt ? `published ${r.publishedAt.slice(0, 10)}` : null].filter((x) => x).join(' · ')}
                </div>
                <blockquote className="quote">{r.quote}</blockquote>
                <dl className="report-fields">
                  <dt>Date</dt>
                  <dd>{dateText(r) || '—'}</dd>
                  <dt>Type</dt>
                  <dd>{typeText(r) || '—'}</dd>
                  <dt>Actor</dt>
                  <dd>{namesText(r.actor) || '—'}</dd>
                  <dt>Target</dt>
                  <dd>{namesText(r.target) || '—'}</dd>
                  {r.with.length > 0 ? (
                    <>
                      <dt>With</dt>
                      <dd>{namesText(r.with)}</dd>
                    </>
                  ) : null}
                  <dt>Location</dt>
                  <dd>{r.location ?? '—'}</dd>
                  <dt>Figures</dt>
                  <dd>{r.figures.length > 0 ? r.figures.map(figureText).join('; ') : '—'}</dd>
                </dl>
                <button type="button" onClick={() => onOpenReport(r.articleId, r.id)} aria-label={`Open in article: ${r.articleTitle || r.source || r.quote}`}>
                  Open in article
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : error ? null : (
        <div className="empty">Opening…</div>
      )}
    </section>
  );
}
