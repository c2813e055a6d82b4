import { useSyncExternalStore } from 'react';
import type { ReaderSuggestions } from './suggestions';
import { plural } from '../../../shared/plural';

export interface SuggestionsBoxProps {
  suggestions: ReaderSuggestions;
  report(p: Promise<unknown> | null): void;
  /** Scrolls the text to a suggestion. */
  onShow(id: string): void;
}

/**
 * The registry's proposals for this article: the current one with what accepting it would do,
 * accept or reject it, step to the next, or accept them all as one undoable step.
 */
export function SuggestionsBox({ suggestions, report, onShow }: SuggestionsBoxProps) {
  useSyncExternalStore(suggestions.subscribe, suggestions.getVersion);
  const { list, hidden, error } = suggestions;
  const current = suggestions.current;
  if (list.length === 0 && !error) return null;
  const step = (delta: 1 | -1) => {
    suggestions.step(delta);
    if (suggestions.currentId) onShow(suggestions.currentId);
  };
  return (
    <section className="suggestions-box" aria-label="Suggestions">
      <div>
        <strong>{plural(list.length, 'suggestion')}</strong>{' '}
        from the registry
      </div>
      {error ? <div className="error">{error}</div> : null}
      {current && !hidden ? (
        <div className="suggestion-current" aria-live="polite">
          “{current.text}” — {current.action === 'link' ? 'link this actor to' : 'tag as an actor linked to'} <strong>{current.entityName}</strong>
        </div>
      ) : null}
      <div className="actions">
        {!hidden ? (
          <>
            <button type="button" disabled={!current} onClick={() => current && report(suggestions.accept([current.id]))}>
              Accept suggestion
            </button>
            <button type="button" disabled={!current} onClick={() => current && report(suggestions.reject(current.id))}>
              Reject suggestion
            </button>
            <button type="button" disabled={list.length === 0} onClick={() => report(suggestions.acceptAll())}>
              Accept all
            </button>
            <button type="button" aria-label="Previous suggestion" disabled={list.length < 2} onClick={() => step(-1)}>
              ‹
            </button>
            <button type="button" aria-label="Next suggestion" disabled={list.length < 2} onClick={() => step(1)}>
              ›
            </button>
          </>
        ) : null}
        <button type="button" aria-pressed={hidden} onClick={() => suggestions.setHidden(!hidden)}>
          {hidden ? 'Show suggestions' : 'Hide'}
        </button>
      </div>
    </section>
  );
}
