import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { EntitySummary, Mention } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { EntityPicker } from '../registry/EntityPicker';
import type { EntityChoice } from '../registry/entityOptions';
import { useMentionPages } from './useMentionPages';

export interface MentionsProps {
  entity: EntitySummary;
  revision: number;
  onOpen(mention: Mention): void;
  onSplit(mention: Mention, to: EntityChoice): void;
  onError(message: string): void;
}

const ROW_HEIGHT = 92;

/**
 * Every annotation linked to the entity across the library, in context, virtualised and loaded a
 * page at a time, so an entity with a million mentions scrolls like one with ten. Each opens the
 * reader on it, and can be split off to another entity (or a new one).
 */
export function Mentions({ entity, revision, onOpen, onSplit, onError }: MentionsProps) {
  const { total, error, itemAt } = useMentionPages(entity.id, revision);
  const [splitting, setSplitting] = useState<Mention | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  useEffect(() => {
    if (error) onError(error);
  }, [error, onError]);

  return (
    <section className="mentions" aria-label="Mentions">
      <h3>Mentions {total === null ? '' : `(${total} in ${plural(entity.articles, 'article')})`}</h3>
      {total === 0 ? <p className="hint">No annotation is linked to this entity yet.</p> : null}
      {splitting ? (
        <div className="split-form">
          <span>
            Split “{splitting.annotation.quote}” ({splitting.articleTitle || 'untitled'}) off to another entity, or a new one:
          </span>
          <EntityPicker
            key={splitting.annotation.id}
            label="Split to"
            kind={entity.kind}
            initialText={splitting.annotation.quote}
            allowCreate
            preferCreate
            exclude={new Set([entity.id])}
            openOnFocus
            onPick={(choice) => {
              setSplitting(null);
              onSplit(splitting, choice);
            }}
            onLeave={() => setSplitting(null)}
          />
          <button type="button" onClick={() => setSplitting(null)}>
            Cancel split
          </button>
        </div>
      ) : null}
      <div className="mention-scroll" ref={scroller}>
        <ul className="mention-list" aria-label="Mentions of this entity" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const m = itemAt(row.index);
            return (
              <li key={row.key} className="mention" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                {m ? (
                  <>
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
                      <button type="button" aria-expanded={splitting?.annotation.id === m.annotation.id} onClick={() => setSplitting(m)}>
                        Split off…
                      </button>
                    </div>
                  </>
                ) : (
                  <div className="mention-title">…</div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
