import type { Host } from '../host/server';
import type { Entity, EntitySummary } from '../../shared/ipc/entities';
import type { Annotation } from '../../shared/model';

/** Calls the contract as the app does, and fails the test with the store's reason when it refuses. */
export async function contract<T>(host: Host, channel: string, input: unknown): Promise<T> {
  const answer = await host.backend.dispatch(channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value as T;
}

export function createEntity(host: Host, draft: { name: string; aliases?: string[]; kind?: 'actor' | 'place'; actorKind?: string }): Promise<Entity> {
  return contract<Entity>(host, 'entities/create', { kind: 'actor', ...draft });
}

export async function entities(host: Host): Promise<EntitySummary[]> {
  return (await contract<{ items: EntitySummary[] }>(host, 'entities/list', {})).items;
}

/** The only article in the library. */
export async function onlyArticleId(host: Host): Promise<string> {
  const list = await contract<{ items: { id: string }[] }>(host, 'articles/list', {});
  const id = list.items[0]?.id;
  if (!id) throw new Error('the library has no article');
  return id;
}

/** Actor annotations on each occurrence of `quote` in the article, linked to `entityId`. */
export async function linkedActors(host: Host, articleId: string, text: string, quote: string, entityId: string): Promise<Annotation[]> {
  const items: { label: 'actor'; start: number; end: number; attrs: { entityId: string } }[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + quote.length)) {
    items.push({ label: 'actor', start: at, end: at + quote.length, attrs: { entityId } });
  }
  return contract<Annotation[]>(host, 'annotations/createMany', { articleId, items });
}
