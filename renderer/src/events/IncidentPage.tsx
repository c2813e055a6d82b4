import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { dateText, figureText, namesText, typeText } from './format';
import { StepHistory } from './stepHistory';

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
 * date, its roles and figures), each with a way into its article at the event and a way out of
 * the incident, which Ctrl/Cmd+Z takes back and Ctrl/Cmd+Shift+Z makes again.
 */
export function IncidentPage({ id, revision, onBack, onOpenReport }: IncidentPageProps) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const [history] = useState(() => new StepHistory());
  const heading = useRef<HTMLHeadingElement>(null);

  const removeReport = (eventId: string, title: string) => {
    const ungroup = async () => void (await call('incidents/ungroup', { eventIds: [eventId] }));
    // Back into this incident by its id: the store makes it again when its last report had left.
    const regroup = async () => void (await call('incidents/group', { eventIds: [eventId], incidentId: id }));
    ungroup()
      .then(() => {
        const message = `Removed “${title}” from the incident.`;
        history.record({ message, undo: regroup, redo: ungroup });
        setNotice(message);
        setChanges((c) => c + 1);
      })
      .catch((err: Error) => setError(`Could not remove the report: ${err.message}`));
  };

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      history[direction]()
        .then((done) => {
          if (!done) return;
          setNotice(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${done.message}`);
          setChanges((c) => c + 1);
        })
        .catch((err: Error) => setError(`Could not ${direction}: ${err.message}`));
    },
    [history],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      // A field's own undo (the text typed) stays the field's; nothing behind a dialog takes keys.
      if (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
      e.preventDefault();
      step(e.shiftKey ? 'redo' : 'undo');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step]);

  useEffect(() => {
    let live = true;
    call('incidents/get', { id })
      .then((a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
      })
      .catch((err: Error) => {
        if (!live) return;
        // The incident is gone once its last report left it: what it showed is no longer true.
        setAnswer(null);
        setError(err.message);
      });
    return () => {
      live = false;
    };
  }, [id, revision, changes]);

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
      {notice ? (
        <div className="incident-notice" role="status">
          {notice}
          {history.canUndo && !notice.startsWith('Undone') ? (
            <button type="button" onClick={() => step('undo')}>
              Undo
            </button>
          ) : null}
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
                <div className="report-actions">
                  <button type="button" onClick={() => onOpenReport(r.articleId, r.id)} aria-label={`Open in article: ${r.articleTitle || r.source || r.quote}`}>
                    Open in article
                  </button>
                  <button type="button" onClick={() => removeReport(r.id, r.articleTitle || r.source || r.quote)} aria-label={`Remove from incident: ${r.articleTitle || r.source || r.quote}`}>
                    Remove from incident
                  </button>
                </div>
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
