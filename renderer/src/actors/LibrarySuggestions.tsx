import { useCallback, useState } from 'react';
import type { Job } from '../../../shared/ipc/contract';
import type { SuggestSummary } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { useJob } from '../api/useJob';

export interface LibrarySuggestionsProps {
  onOpenArticle(articleId: string): void;
  /** The registry's counts changed (suggestions were accepted, or that was undone). */
  onChanged(): void;
}

/**
 * The registry's names looked for across the whole library, as a background job with progress
 * and cancel: what it found, article by article, or (accepting) what it tagged and linked, undoable.
 */
export function LibrarySuggestions({ onOpenArticle, onChanged }: LibrarySuggestionsProps) {
  const [summary, setSummary] = useState<{ result: SuggestSummary; cancelled: boolean } | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const onEnd = useCallback(
    (job: Job) => {
      if (job.suggested) setSummary({ result: job.suggested, cancelled: job.state === 'cancelled' });
      if (job.suggested?.token) onChanged();
    },
    [onChanged],
  );
  const { job, error, start, cancel } = useJob(onEnd);
  const run = (accept: boolean) => {
    setSummary(null);
    setUndoError(null);
    start(call('suggestions/start', { accept }));
  };
  const undo = (token: string) => {
    call('entities/undo', { token })
      .then(() => {
        setSummary(null);
        onChanged();
      })
      .catch((err: Error) => setUndoError(err.message));
  };

  return (
    <section className="library-suggestions" aria-label="Suggestions across the library">
      {job ? (
        <div className="import-progress">
          <span>
            Looking through {job.done} of {job.total || '…'} articles
          </span>
          <progress aria-label="Suggestion progress" max={job.total || 1} value={job.done} />
          <button type="button" onClick={cancel}>
            Cancel suggestions
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => run(false)}>
            Find suggestions in the library
          </button>
          <button type="button" onClick={() => run(true)}>
            Accept all in the library
          </button>
        </div>
      )}
      {error ? <div className="error">{error}</div> : null}
      {undoError ? <div className="error">Could not undo: {undoError}</div> : null}
      {summary ? <SummaryView {...summary} onOpenArticle={onOpenArticle} onUndo={undo} /> : null}
    </section>
  );
}

function SummaryView({ result, cancelled, onOpenArticle, onUndo }: { result: SuggestSummary; cancelled: boolean; onOpenArticle(id: string): void; onUndo(token: string): void }) {
  return (
    <div className="suggest-summary" role="status">
      <div>
        {cancelled ? 'Stopped. ' : ''}
        {result.created !== null
          ? `Tagged ${result.created} and linked ${plural(result.linked ?? 0, 'mention')} in ${plural(result.articles, 'article')}.`
          : `${plural(result.suggestions, 'suggestion')} in ${result.byArticle.length} of ${plural(result.articles, 'article')}.`}
        {result.token ? (
          <button type="button" onClick={() => onUndo(result.token as string)}>
            Undo
          </button>
        ) : null}
      </div>
      {result.created === null && result.byArticle.length > 0 ? (
        <ul aria-label="Articles with suggestions">
          {result.byArticle.slice(0, 100).map((a) => (
            <li key={a.articleId}>
              <button type="button" onClick={() => onOpenArticle(a.articleId)}>
                {a.title || '(untitled)'} ({a.suggestions})
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
