import { useState } from 'react';
import type { EntityOffer } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';

type Outcome = { state: 'open' } | { state: 'merged'; moved: number; token: string } | { state: 'apart' } | { state: 'failed'; message: string };

/**
 * A bundle's entities named like ones of this library: each pair is kept apart until the analyst
 * merges it here (the library's entity stands and takes the bundle's mentions and names) or keeps
 * the two apart, which the library remembers so that later bundles do not ask again. A merge is
 * undone from here as from the Actors view; two kept apart are still merged from the Actors view.
 */
export function EntityOffers({ offers, onChanged }: { offers: readonly EntityOffer[]; onChanged(): void }) {
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const keyOf = (o: EntityOffer) => `${o.fromId}\n${o.intoId}`;
  const set = (o: EntityOffer, outcome: Outcome) => setOutcomes((all) => ({ ...all, [keyOf(o)]: outcome }));

  const merge = (o: EntityOffer) => {
    call('entities/merge', { from: o.fromId, into: o.intoId })
      .then((r) => {
        set(o, { state: 'merged', moved: r.moved, token: r.token });
        onChanged();
      })
      .catch((err: Error) => set(o, { state: 'failed', message: err.message }));
  };
  const keepApart = (o: EntityOffer) => {
    call('entities/keepApart', { from: o.fromId, into: o.intoId })
      .then(() => set(o, { state: 'apart' }))
      .catch((err: Error) => set(o, { state: 'failed', message: err.message }));
  };
  const undo = (o: EntityOffer, token: string) => {
    call('entities/undo', { token })
      .then(() => {
        set(o, { state: 'open' });
        onChanged();
      })
      .catch((err: Error) => set(o, { state: 'failed', message: err.message }));
  };

  return (
    <ul className="entity-offers" aria-label="Entities to merge">
      {offers.map((o) => {
        const outcome = outcomes[keyOf(o)] ?? { state: 'open' };
        const pair = `“${o.fromName}” from the bundle into “${o.intoName}”`;
        return (
          <li key={keyOf(o)} data-state={outcome.state}>
            <span>
              Both {o.kind === 'actor' ? 'actors' : 'places'} are named “{o.name}”: the bundle’s “{o.fromName}” and this library’s “{o.intoName}”.{' '}
            </span>
            {outcome.state === 'merged' ? (
              <>
                <span role="status">
                  Merged into “{o.intoName}” ({plural(outcome.moved, 'mention')} moved).
                </span>{' '}
                <button type="button" onClick={() => undo(o, outcome.token)}>
                  Undo merge
                </button>
              </>
            ) : outcome.state === 'apart' ? (
              <span role="status">Kept apart: this library will not offer the pair again.</span>
            ) : (
              <>
                <button type="button" aria-label={`Merge ${pair}`} onClick={() => merge(o)}>
                  Merge
                </button>{' '}
                <button type="button" aria-label={`Keep ${pair} apart`} onClick={() => keepApart(o)}>
                  Keep apart
                </button>
                {outcome.state === 'failed' ? <span role="alert"> {outcome.message}</span> : null}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
