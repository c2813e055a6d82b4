import { useEffect, useState } from 'react';
import type { EntitySummary, Mention } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { EntityPicker } from '../registry/EntityPicker';
import type { EntityChoice } from '../registry/entityOptions';

const PAGE = 200;

export interface MentionsProps {
  entity: EntitySummary;
  revision: number;
  onOpen(mention: Mention): void;
  onSplit(mention: Mention, to: EntityChoice): void;
  onError(message: string): void;
}

/**
 * Every annotation linked to the entity across the library, in context, a page at a time.
 * Each opens the reader on it, and can be split off to another entity (or a new one).
 */
export function Mentions({ entity, revision, onOpen, onSplit, onError }: MentionsProps) {
  const [items, setItems] = useState<Mention[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [splitting, setSplitting] = useState<string | null>(null);

  useEffect(() => setShown(PAGE), [entity.id]);
  useEffect(() => {
    let live = true;
    call('entities/mentions', { id: entity.id, limit: Math.min(shown, 1000), offset: 0 })
      .then((answer) => {
        if (!live) return;
        setItems(answer.items);
        setTotal(answer.total);
      })
      .catch((err: Error) => live && onError(err.message));
    return () => {
      live = false;
    };
  }, [entity.id, revision, shown, onError]);

  return (
    <section className="mentions" aria-label="Mentions">
      <h3>
        Mentions {total === null ? '' : `(${total} in ${plural(entity.articles, 'article')})`}
      </h3>
      {total === 0 ? <p className="hint">No annotation is linked to this entity yet.</p> : null}
      <ul className="mention-list">
        {items.map((m) => (
          <li key={m.annotation.id} className="mention">
            <div className="mention-title">{m.articleTitle || '(untitled)'}</div>
            <div className="mention-context">
              …{m.before}
              <mark className="mention-quote">{m.annotation.quote}</mark>
              {m.after}…
            </div>
            <div className="mention-actions">
              <button type="button" onClick={() => onOpen(m)} aria-label={`Open “${m.annotation.quote}” in ${m.articleTitle || 'its article'}`}>
                Open
              </button>
              <button type="button" aria-expanded={splitting === m.annotation.id} onClick={() => setSplitting(splitting === m.annotation.id ? null : m.annotation.id)}>
                Split off…
              </button>
            </div>
            {splitting === m.annotation.id ? (
              <div className="split-form">
                <EntityPicker
                  label="Split to"
                  kind={entity.kind}
                  initialText={m.annotation.quote}
                  allowCreate
                  preferCreate
                  exclude={new Set([entity.id])}
                  openOnFocus
                  onPick={(choice) => {
                    setSplitting(null);
                    onSplit(m, choice);
                  }}
                  onLeave={() => setSplitting(null)}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {total !== null && items.length < total && shown < 1000 ? (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show more mentions
        </button>
      ) : null}
      {total !== null && total > 1000 && items.length >= 1000 ? <p className="hint">The first 1,000 mentions are shown.</p> : null}
    </section>
  );
}
