import { useState } from 'react';
import { ACTOR_KINDS } from '../../../shared/model';
import type { ActorKind, EntityPatch, EntitySummary, Mention } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { DraftField } from '../reader/DraftField';
import { EntityPicker } from '../registry/EntityPicker';
import { kindTitle, type EntityChoice } from '../registry/entityOptions';
import { Mentions } from './Mentions';

export interface EntityDetailsProps {
  entity: EntitySummary;
  revision: number;
  /** Saves a change; resolves with the entity as stored, rejects with the store's reason. */
  onUpdate(patch: Omit<EntityPatch, 'id'>, field?: string): Promise<EntitySummary>;
  onMerge(into: EntitySummary): void;
  /** Deletes the entity; its mentions stay, unlinked (undoable). */
  onDelete(): void;
  onOpenMention(mention: Mention): void;
  onSplit(mention: Mention, to: EntityChoice): void;
  onError(message: string): void;
}

const anyText = (text: string) => ({ ok: true as const, value: text });

/** Splits "a | b | c" into its items (the CSV's own separator), blanks left out. */
function listOf(text: string): string[] {
  return text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The chosen entity: its names, kind and note to edit, its aliases, merging, and its mentions. */
export function EntityDetails({ entity: e, revision, onUpdate, onMerge, onDelete, onOpenMention, onSplit, onError }: EntityDetailsProps) {
  const [alias, setAlias] = useState('');
  const save = (patch: Omit<EntityPatch, 'id'>, field?: string) => onUpdate(patch, field);
  const addAlias = () => {
    const name = alias.trim();
    if (name === '') return;
    save({ aliases: [...e.aliases, name] }).then(
      () => setAlias(''),
      () => undefined,
    );
  };

  return (
    <section className="entity-details" aria-label="Entity details">
      <h2>{e.name}</h2>
      <div className="entity-summary">
        {kindTitle(e)} · {plural(e.mentions, 'mention')} in {plural(e.articles, 'article')}
      </div>
      <div className="entity-form">
        <DraftField
          key={`name-${e.id}`}
          label="Name"
          stored={e.name}
          parse={(text) => (text.trim() === '' ? { ok: false, message: 'A name may not be empty' } : { ok: true, value: text.trim() })}
          save={(value, edit) => save({ name: String(value) }, `name#${edit}`).then((after) => after.name)}
        />
        {e.kind === 'actor' ? (
          <label>
            Actor kind
            <select
              aria-label="Actor kind"
              value={e.actorKind ?? ''}
              onChange={(ev) => void save({ actorKind: ev.target.value === '' ? null : (ev.target.value as ActorKind) }).catch(() => undefined)}
            >
              <option value="">—</option>
              {ACTOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <DraftField
          key={`ext-${e.id}`}
          label="External ids (separated by |)"
          stored={e.externalIds.join(' | ')}
          parse={anyText}
          save={(value, edit) => save({ externalIds: listOf(String(value ?? '')) }, `ext#${edit}`).then((after) => after.externalIds.join(' | '))}
        />
        <DraftField
          key={`note-${e.id}`}
          label="Note"
          multiline
          stored={e.note}
          parse={anyText}
          save={(value, edit) => save({ note: String(value ?? '') }, `note#${edit}`).then((after) => after.note)}
        />
      </div>
      <div className="aliases">
        <h3>Aliases</h3>
        <ul aria-label="Aliases" className="alias-list">
          {e.aliases.map((a) => (
            <li key={a}>
              <span>{a}</span>
              <button type="button" aria-label={`Remove alias ${a}`} onClick={() => void save({ aliases: e.aliases.filter((x) => x !== a) }).catch(() => undefined)}>
                ×
              </button>
            </li>
          ))}
          {e.aliases.length === 0 ? <li className="hint">No aliases yet.</li> : null}
        </ul>
        <div className="alias-add">
          <input
            aria-label="New alias"
            placeholder="Another name, in any script"
            value={alias}
            onChange={(ev) => setAlias(ev.target.value)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter') {
                ev.preventDefault();
                addAlias();
              }
            }}
          />
          <button type="button" onClick={addAlias} disabled={alias.trim() === ''}>
            Add alias
          </button>
        </div>
      </div>
      <div className="merge">
        <h3>Merge</h3>
        <EntityPicker
          key={`merge-${e.id}`}
          label="Merge into"
          kind={e.kind}
          initialText=""
          allowCreate={false}
          exclude={new Set([e.id])}
          placeholder="Type the name of the entity to merge this one into"
          onPick={(choice) => {
            if (choice.kind === 'entity') onMerge(choice.entity);
          }}
        />
        <p className="hint">Every mention moves to the chosen entity, and this entity's names become its aliases. Ctrl+Z undoes it.</p>
      </div>
      <div className="details-actions">
        <button type="button" onClick={onDelete}>
          Delete entity
        </button>
        <span className="hint">Its mentions stay, unlinked. Ctrl+Z undoes it.</span>
      </div>
      <Mentions entity={e} revision={revision} onOpen={onOpenMention} onSplit={onSplit} onError={onError} />
    </section>
  );
}
