import { useEffect, useRef, useState } from 'react';
import type { EntitySummary } from '../../../shared/ipc/entities';
import type { Annotation, AnyAttrs } from '../../../shared/model';
import { call } from '../api/client';
import { EntityPicker } from '../registry/EntityPicker';
import { placeAttrs, type EntityChoice } from '../registry/entityOptions';

export interface LinkedPlaceProps {
  annotation: Annotation;
  /** Saves the link (an attribute edit, so the reader's undo takes it back). */
  onLink(attrs: AnyAttrs): Promise<unknown>;
  onError(message: string): void;
}

/** An event's location as a place of the registry: type-ahead over places, or a new one from the location typed. */
export function LinkedPlace({ annotation: a, onLink, onError }: LinkedPlaceProps) {
  const placeId = typeof a.attrs.locationEntityId === 'string' ? a.attrs.locationEntityId : null;
  const [place, setPlace] = useState<EntitySummary | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const reportError = useRef(onError);
  reportError.current = onError;
  useEffect(() => {
    setPlace(null);
    if (placeId === null) return;
    let live = true;
    call('entities/get', { id: placeId })
      .then((p) => live && setPlace(p))
      .catch((err: Error) => live && reportError.current(err.message));
    return () => {
      live = false;
    };
  }, [placeId]);

  const pick = (choice: EntityChoice) => {
    const linked =
      choice.kind === 'entity'
        ? onLink(placeAttrs(a, choice.entity))
        : call('entities/create', { kind: 'place', name: choice.name }).then((created) => onLink(placeAttrs(a, created)));
    linked.catch((err: Error) => onError(err.message));
    field.current?.blur();
  };
  const location = typeof a.attrs.location === 'string' ? a.attrs.location : '';
  return (
    <div className="linked-entity">
      <span className="field-caption" aria-hidden="true">
        Linked place
      </span>
      <EntityPicker
        ref={field}
        label="Linked place"
        kind="place"
        initialText={place?.name ?? (placeId === null ? location : '')}
        allowCreate
        preferCreate={placeId === null && location !== ''}
        openOnFocus
        placeholder="Type a place name or alias"
        onPick={pick}
        onLeave={() => field.current?.blur()}
      />
      {placeId !== null ? (
        <div>
          {place ? (
            <>
              Linked to <strong>{place.name}</strong>
              {place.aliases.length > 0 ? ` (also ${place.aliases.join(', ')})` : ''}{' '}
            </>
          ) : (
            'Linked. '
          )}
          <button type="button" onClick={() => void onLink({ locationEntityId: null }).catch((err: Error) => onError(err.message))}>
            Unlink place
          </button>
        </div>
      ) : null}
    </div>
  );
}
