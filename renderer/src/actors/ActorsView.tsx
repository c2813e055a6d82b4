import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import type { Entity, EntityKind, EntityPatch, EntitySort, EntitySummary, Mention } from '../../../shared/ipc/entities';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import type { EntityChoice } from '../registry/entityOptions';
import { EntityDetails } from './EntityDetails';
import { EntityList } from './EntityList';
import { LibrarySuggestions } from './LibrarySuggestions';
import { RegistryUndo } from './registryUndo';
import { useEntityPages, type EntityQuery } from './useEntityPages';

export interface ActorsViewProps {
  /** Opens the reader on a mention. */
  onOpenMention(articleId: string, annotationId: string): void;
  /** Opens the reader on an article (one with suggestions). */
  onOpenArticle(articleId: string): void;
}

const SORTS: { key: EntitySort; title: string }[] = [
  { key: 'name', title: 'Name' },
  { key: 'kind', title: 'Kind' },
  { key: 'mentions', title: 'Mentions' },
  { key: 'articles', title: 'Articles' },
  { key: 'updated', title: 'Updated' },
];

/** Counts read best from the most; names from A. */
const FIRST_DESCENDING: ReadonlySet<EntitySort> = new Set(['mentions', 'articles', 'updated']);

/** What an entity looked like before an edit, as the patch that puts it back. */
function restorePatch(e: Entity): EntityPatch {
  return { id: e.id, name: e.name, actorKind: e.actorKind, aliases: e.aliases, externalIds: e.externalIds, note: e.note };
}

/** The registry: every entity, filtered and sorted, and the chosen one's details and mentions. */
export function ActorsView({ onOpenMention, onOpenArticle }: ActorsViewProps) {
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [sort, setSort] = useState<EntitySort>('name');
  const [descending, setDescending] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** The chosen entity as last read; a row's copy until the store's own answer arrives. */
  const [selected, setSelected] = useState<EntitySummary | null>(null);
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [undo] = useState(() => new RegistryUndo());
  const [canUndo, setCanUndo] = useState(false);
  const deferredFilter = useDeferredValue(filter.trim());
  const query: EntityQuery = { sort, descending, ...(kind ? { kind } : {}), ...(deferredFilter ? { filter: deferredFilter } : {}) };
  const { total, error: listError, itemAt } = useEntityPages(query, revision);
  const choose = useCallback((e: EntitySummary) => {
    setSelectedId(e.id);
    setSelected(e);
  }, []);

  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const fail = useCallback((message: string) => setError(message), []);

  // The chosen entity as the store has it now: its counts and names change with merges and edits.
  useEffect(() => {
    if (selectedId === null) return;
    let live = true;
    call('entities/get', { id: selectedId })
      .then((e) => live && setSelected(e))
      .catch((err: Error) => {
        if (!live) return;
        setSelectedId(null);
        setSelected(null);
        setError(err.message);
      });
    return () => {
      live = false;
    };
  }, [selectedId, revision]);

  const record = useCallback(
    (message: string, run: () => Promise<void>, coalesce?: string) => {
      undo.record({ message, undo: run, ...(coalesce !== undefined ? { coalesce } : {}) });
      setCanUndo(true);
      setNotice(message);
    },
    [undo],
  );

  const undoLast = useCallback(() => {
    undo
      .undo()
      .then((step) => {
        setCanUndo(undo.depth > 0);
        if (!step) return;
        setNotice(`Undone: ${step.message}`);
        changed();
      })
      .catch((err: Error) => setError(`Could not undo: ${err.message}`));
  }, [undo, changed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      // A field's own undo (the text typed) stays the field's; nothing behind a dialog takes keys.
      if (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undoLast();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undoLast]);

  /** `field` names the stretch of typing an edit belongs to: such a stretch is one step to undo. */
  const update = (patch: Omit<EntityPatch, 'id'>, field?: string): Promise<EntitySummary> => {
    const before = selected;
    if (!before) return Promise.reject(new Error('no entity is chosen'));
    setError(null);
    return call('entities/update', { id: before.id, ...patch }).then(
      (after) => {
        const summary = { ...after, mentions: before.mentions, articles: before.articles };
        setSelected(summary);
        record(
          `Changed “${before.name}”.`,
          async () => {
            await call('entities/update', restorePatch(before));
          },
          field === undefined ? undefined : `${before.id}:${field}`,
        );
        changed();
        return summary;
      },
      (err: Error) => {
        setError(err.message);
        throw err;
      },
    );
  };

  const merge = (into: EntitySummary) => {
    const from = selected;
    if (!from) return;
    setError(null);
    call('entities/merge', { from: from.id, into: into.id })
      .then((result) => {
        choose(result.entity);
        record(`Merged “${from.name}” into “${result.entity.name}” (${plural(result.moved, 'mention')} moved).`, async () => {
          await call('entities/undo', { token: result.token });
          // The entity merged away is back: it is what the analyst was looking at.
          setSelectedId(from.id);
        });
        changed();
      })
      .catch((err: Error) => setError(err.message));
  };

  const remove = () => {
    const gone = selected;
    if (!gone) return;
    setError(null);
    call('entities/delete', { ids: [gone.id] })
      .then((result) => {
        setSelectedId(null);
        setSelected(null);
        record(`Deleted “${gone.name}” (${plural(result.unlinked, 'mention')} unlinked).`, async () => {
          await call('entities/undo', { token: result.token });
          setSelectedId(gone.id);
        });
        changed();
      })
      .catch((err: Error) => setError(err.message));
  };

  const split = (mention: Mention, to: EntityChoice) => {
    const from = selected;
    if (!from) return;
    setError(null);
    const target = to.kind === 'entity' ? { id: to.entity.id } : { create: { kind: from.kind, name: to.name } };
    call('entities/split', { annotationIds: [mention.annotation.id], to: target })
      .then((result) => {
        record(`Split “${mention.annotation.quote}” off “${from.name}” to “${result.entity.name}”.`, async () => {
          await call('entities/undo', { token: result.token });
        });
        changed();
      })
      .catch((err: Error) => setError(err.message));
  };

  const chooseSort = (key: EntitySort) => {
    if (key === sort) setDescending((d) => !d);
    else {
      setSort(key);
      setDescending(FIRST_DESCENDING.has(key));
    }
  };

  return (
    <div className="actors-view">
      <section className="actors-pane" aria-label="Registry">
        <div className="actors-bar">
          <input type="search" aria-label="Filter actors" placeholder="Filter by name or alias" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <select aria-label="Entity kind" value={kind} onChange={(e) => setKind(e.target.value as EntityKind | '')}>
            <option value="">Actors and places</option>
            <option value="actor">Actors</option>
            <option value="place">Places</option>
          </select>
        </div>
        <div className="actors-sort" role="group" aria-label="Sort actors">
          {SORTS.map((s) => (
            <button
              key={s.key}
              type="button"
              aria-pressed={sort === s.key}
              aria-label={`Sort by ${s.title.toLowerCase()}`}
              onClick={() => chooseSort(s.key)}
            >
              {s.title}
              {sort === s.key ? (descending ? ' ↓' : ' ↑') : ''}
            </button>
          ))}
        </div>
        <div className="library-count" role="status">
          {listError ? <span className="error">{listError}</span> : total === null ? 'Loading…' : `${total} entit${total === 1 ? 'y' : 'ies'}`}
        </div>
        <EntityList total={total ?? 0} itemAt={itemAt} selectedId={selectedId} onSelect={choose} />
      </section>
      <div className="actors-side">
        <LibrarySuggestions onOpenArticle={onOpenArticle} onChanged={changed} />
        {error ? (
          <div role="alert" className="error">
            {error}{' '}
            <button type="button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        ) : null}
        {notice ? (
          <div className="actors-notice" role="status">
            {notice}
            {canUndo && !notice.startsWith('Undone') ? (
              <button type="button" onClick={undoLast}>
                Undo
              </button>
            ) : null}
          </div>
        ) : null}
        {selected ? (
          <EntityDetails
            key={selected.id}
            entity={selected}
            revision={revision}
            onUpdate={update}
            onMerge={merge}
            onDelete={remove}
            onOpenMention={(m) => onOpenMention(m.annotation.articleId, m.annotation.id)}
            onSplit={split}
            onError={fail}
          />
        ) : (
          <div className="empty">Choose an entity to see its names and every mention of it across the library. Tag an actor in the reader and link it to create one.</div>
        )}
      </div>
    </div>
  );
}
