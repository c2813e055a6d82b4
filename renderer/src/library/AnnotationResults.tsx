import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract';
import { LABEL_TITLES, type Label } from '../../../shared/model';
import { useListbox } from '../a11y/useListbox';
import { call } from '../api/client';
import { Snippet } from './Snippet';

type Result = OutputOf<'annotations/search'>;

export interface AnnotationResultsProps {
  query: string;
  label: Label | '';
  revision: number;
  onOpen(articleId: string, annotationId: string, byKeyboard?: boolean): void;
}

/** Search inside annotations (quotes and notes): each hit opens its article with the annotation selected. */
export function AnnotationResults({ query, label, revision, onOpen }: AnnotationResultsProps) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query) {
      setResult(null);
      return;
    }
    let live = true;
    call('annotations/search', { query, ...(label ? { label } : {}), limit: 200 })
      .then((r) => live && (setResult(r), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [query, label, revision]);
  const hits = result?.hits ?? [];
  const list = useListbox({
    count: hits.length,
    reveal: (index) => document.getElementById(list.optionId(index))?.scrollIntoView({ block: 'nearest' }),
    onOpen: (index) => {
      const hit = hits[index];
      if (hit) onOpen(hit.annotation.articleId, hit.annotation.id, true);
    },
  });

  if (!query) return <div className="library-count">Type to search the quotes and notes of every annotation.</div>;
  return (
    <>
      <div className="library-count" role="status">
        {error ? <span className="error">{error}</span> : result ? `${result.total} annotation${result.total === 1 ? '' : 's'}` : 'Searching…'}
      </div>
      <div className="library-list">
        <ul role="listbox" aria-label="Annotation results" className="static-list" {...list.listProps(hits.length > 0)}>
          {hits.map((hit, i) => (
            <li
              key={hit.annotation.id}
              id={list.optionId(i)}
              role="option"
              aria-selected={i === list.active}
              data-active={i === list.active ? 'true' : undefined}
              className="annotation-hit"
              onClick={() => {
                list.setActive(i);
                onOpen(hit.annotation.articleId, hit.annotation.id);
              }}
            >
              <div className="article-meta">
                <span className={`count label-${hit.annotation.label}`}>{LABEL_TITLES[hit.annotation.label]}</span>
                <span>{hit.articleTitle}</span>
              </div>
              <Snippet text={hit.snippet} />
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
