import { useState } from 'react';
import type { Article, ArticleMeta } from '../../../shared/model';
import { call } from '../api/client';
import { ProvenanceDetails } from './ProvenanceDetails';
import { RemovedParts } from './RemovedParts';

const FIELDS: { key: keyof ArticleMeta; title: string }[] = [
  { key: 'title', title: 'Title' },
  { key: 'source', title: 'Source' },
  { key: 'url', title: 'URL' },
  { key: 'author', title: 'Author' },
  { key: 'publishedAt', title: 'Published' },
  { key: 'language', title: 'Language' },
];

export interface ArticleHeaderProps {
  article: Article;
  annotationCount: number;
  onChanged(): void;
  onDeleted?(token: string, articles: number): void;
  /** Puts a part the extraction removed back into the text, as a correction. */
  onPutBack?(text: string): Promise<void>;
}

/** Title and metadata of the open article, editable; deleting asks first and says what goes with it. */
export function ArticleHeader({ article, annotationCount, onChanged, onDeleted, onPutBack }: ArticleHeaderProps) {
  const [meta, setMeta] = useState<ArticleMeta>(article);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const patch = Object.fromEntries(
      FIELDS.map(({ key }) => [key, key === 'title' ? (meta.title ?? '') : meta[key] === '' ? null : meta[key]]),
    ) as Partial<ArticleMeta>;
    call('articles/updateMeta', { id: article.id, meta: patch })
      .then((updated) => {
        setMeta(updated);
        setEditing(false);
        setError(null);
        onChanged();
      })
      .catch((err: Error) => setError(err.message));
  };

  const remove = () => {
    call('articles/delete', { ids: [article.id] })
      .then((result) => {
        setConfirming(false);
        onDeleted?.(result.token, result.articles);
        onChanged();
      })
      .catch((err: Error) => setError(err.message));
  };

  return (
    <header className="article-head">
      <h1>{meta.title || '(untitled)'}</h1>
      <div className="meta">
        {[meta.source, meta.author, meta.publishedAt?.slice(0, 10), meta.language].filter(Boolean).join(' · ')}
        {article.originalText !== null && article.originalText !== article.text ? ' · text corrected' : ''}{' '}
        <button type="button" onClick={() => setEditing(!editing)}>
          Edit details
        </button>{' '}
        <button type="button" onClick={() => setConfirming(true)}>
          Delete article
        </button>
      </div>
      {error ? <div role="alert" className="error">{error}</div> : null}
      {editing ? (
        <form
          className="meta-form"
          aria-label="Article details"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          {FIELDS.map(({ key, title }) => (
            <label key={key}>
              {title}
              <input aria-label={title} value={meta[key] ?? ''} onChange={(e) => setMeta({ ...meta, [key]: e.target.value })} />
            </label>
          ))}
          <button type="submit">Save details</button>
        </form>
      ) : null}
      {editing ? <ProvenanceDetails articleId={article.id} /> : null}
      {editing && onPutBack ? <RemovedParts articleId={article.id} text={article.text} onPutBack={onPutBack} /> : null}
      {confirming ? (
        <div className="dialog-backdrop">
          <div className="dialog" role="alertdialog" aria-label="Delete article">
            <p>
              Delete “{meta.title || '(untitled)'}” and its {annotationCount} annotation{annotationCount === 1 ? '' : 's'}? You can undo this
              until you close Spanwise.
            </p>
            <div>
              <button type="button" onClick={remove}>
                Delete
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                Keep
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </header>
  );
}
