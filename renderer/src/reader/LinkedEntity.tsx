import { useEffect, useRef, useState } from 'react';
import type { EntitySummary, Mention } from '../../../shared/ipc/entities';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { EntityPicker } from '../registry/EntityPicker';
import { kindTitle, linkAttrs, type EntityChoice } from '../registry/entityOptions';

export interface LinkedEntityProps {
  annotation: Annotation;
  /** Saves the link (an attribute edit, so the reader's undo takes it back). */
  onLink(attrs: AnyAttrs): Promise<unknown>;
  /** Changes (from 0) each time the analyst presses L in the reader: the field takes focus. */
  focusRequest: number;
  /** Opens another mention: in this article it is selected, elsewhere the reader opens there. */
  onOpenMention(articleId: string, annotationId: string): void;
  onError(message: string): void;
}

const OTHER_MENTIONS = 50;

/**
 * An actor annotation's entity in the registry: a combobox to link it (type-ahead over names and
 * aliases, or a new entity from the span), and once linked the entity's names and its other mentions.
 */
export function LinkedEntity({ annotation: a, onLink, focusRequest, onOpenMention, onError }: LinkedEntityProps) {
  const entityId = typeof a.attrs.entityId === 'string' ? a.attrs.entityId : null;
  const [entity, setEntity] = useState<EntitySummary | null>(null);
  const [mentions, setMentions] = useState<{ total: number; items: Mention[] } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // The caller's handler changes with every render of the side column; the entity is read again only when the link changes.
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    if (focusRequest > 0) field.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    setEntity(null);
    setMentions(null);
    if (entityId === null) return;
    let live = true;
    Promise.all([call('entities/get', { id: entityId }), call('entities/mentions', { id: entityId, limit: OTHER_MENTIONS + 1 })])
      .then(([e, m]) => {
        if (!live) return;
        setEntity(e);
        setMentions({ total: m.total, items: m.items.filter((x) => x.annotation.id !== a.id) });
      })
      .catch((err: Error) => live && reportError.current(err.message));
    return () => {
      live = false;
    };
  }, [entityId, a.id]);

  // Focus goes back to the page, where the reader's keys (tag, next, undo) work again.
  const leave = () => field.current?.blur();

  const pick = (choice: EntityChoice) => {
    const linked =
      choice.kind === 'entity'
        ? onLink(linkAttrs(a, choice.entity))
        : call('entities/create', { kind: 'actor', name: choice.name, ...(typeof a.attrs.kind === 'string' ? { actorKind: a.attrs.kind as EntitySummary['actorKind'] } : {}) }).then(
            (created) => onLink(linkAttrs(a, created)),
          );
    linked.catch((err: Error) => onError(err.message));
    leave();
  };

  return (
    <div className="linked-entity">
      {/* The field is named by its own aria-label; this is its caption for the eye. */}
      <span className="field-caption" aria-hidden="true">
        Linked entity
      </span>
      <EntityPicker
        ref={field}
        label="Linked entity"
        kind="actor"
        initialText={entity?.name ?? (entityId === null ? a.quote : '')}
        allowCreate
        preferCreate={entityId === null}
        openOnFocus
        placeholder="Type a name or alias"
        onPick={pick}
        onLeave={leave}
      />
      <span className="hint" aria-hidden="true">
        L in the text: link · Enter: choose · Esc: back
      </span>
      {entityId !== null ? (
        <>
          <div>
            {entity ? (
              <>
                Linked to <strong>{entity.name}</strong> ({kindTitle(entity)}, {plural(entity.mentions, 'mention')} in {plural(entity.articles, 'article')}){' '}
              </>
            ) : (
              'Linked. '
            )}
            <button type="button" onClick={() => void onLink({ entityId: null }).catch((err: Error) => onError(err.message))}>
              Unlink
            </button>
          </div>
          {entity && entity.aliases.length > 0 ? <div className="entity-aliases">Also: {entity.aliases.join(' · ')}</div> : null}
          {mentions && mentions.items.length > 0 ? (
            <>
              <div>Other mentions ({mentions.total - 1}):</div>
              <ul aria-label="Other mentions">
                {mentions.items.slice(0, OTHER_MENTIONS).map((m) => (
                  <li key={m.annotation.id}>
                    <button type="button" onClick={() => onOpenMention(m.annotation.articleId, m.annotation.id)}>
                      “{m.annotation.quote}” {m.annotation.articleId === a.articleId ? '(this article)' : `in ${m.articleTitle || '(untitled)'}`}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
