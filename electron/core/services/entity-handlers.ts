import type { Channel } from '../../../shared/ipc/channels';
import type { entitiesContract } from '../../../shared/ipc/entities';
import type { OutputOf, ParsedInputOf } from '../../../shared/ipc/contract';
import type { Db } from '../store/db';
import { allMergedInto, listEntities, publicEntity, requireEntity, summarize, updateEntity } from '../store/entities';
import { mentionsOf } from '../store/entity-links';
import { searchEntities } from '../store/entity-search';
import { createEntity, deleteEntities, keepEntitiesApart, linkAnnotation, mergeEntities, splitMentions } from './entities';
import { undoStep } from './entity-undo';
import type { Jobs } from './jobs';
import { suggestLibrary } from './suggest-job';
import { acceptSuggestions, loadRegistry, rejectSuggestions, suggestFor } from './suggestions';

type RegistryChannel = Extract<Channel, keyof typeof entitiesContract | 'suggestions/start'>;
export type EntityHandlers = { [C in RegistryChannel]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>> };

/** The registry's channels (shared/ipc/entities.ts), bound to one store. */
export function createEntityHandlers(db: Db, jobs: Jobs, author: string): EntityHandlers {
  return {
    'entities/list': (input) => listEntities(db, input),
    'entities/get': ({ id }) => summarize(db, requireEntity(db, id)),
    'entities/search': (input) => ({ hits: searchEntities(db, input) }),
    'entities/create': (draft) => createEntity(db, { ...draft, author }),
    'entities/update': ({ id, ...patch }) => db.transaction(() => publicEntity(updateEntity(db, requireEntity(db, id).id, patch)))(),
    'entities/delete': ({ ids }) => deleteEntities(db, ids),
    'entities/merge': ({ from, into }) => mergeEntities(db, from, into),
    'entities/keepApart': ({ from, into }) => keepEntitiesApart(db, from, into, author),
    'entities/split': ({ annotationIds, to }) => splitMentions(db, annotationIds, to, author),
    'entities/undo': ({ token }) => undoStep(db, token),
    'entities/mentions': ({ id, limit, offset }) => {
      const entity = requireEntity(db, id);
      return mentionsOf(db, [entity.id, ...allMergedInto(db, entity.id)], limit, offset);
    },
    'annotations/link': ({ annotationId, entityId }) => linkAnnotation(db, annotationId, entityId),
    'suggestions/list': ({ articleId }) => ({ suggestions: suggestFor(db, articleId, loadRegistry(db)) }),
    'suggestions/accept': ({ articleId, ids }) => acceptSuggestions(db, articleId, ids, author),
    'suggestions/acceptAll': ({ articleId }) => acceptSuggestions(db, articleId, null, author),
    'suggestions/reject': ({ articleId, ids }) => rejectSuggestions(db, articleId, ids, author),
    'suggestions/start': ({ accept }) =>
      jobs.start('suggest', async ({ signal, progress }) => ({ suggested: await suggestLibrary(db, { accept, author, signal, onProgress: progress }) })),
  };
}
