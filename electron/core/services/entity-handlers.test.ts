import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Accepted, Entity, EntityHit, EntitySummary, Mention, Suggestion } from '../../../shared/ipc/entities';
import type { Job } from '../../../shared/ipc/contract';
import type { Annotation } from '../../../shared/model';
import { importText, ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

async function open(): Promise<Backend> {
  backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester'));
  return backend;
}

const TEXT = "Title\n\nPresident Zelensky met Erdoğan in İstanbul. Зеленський said Russia's drones, not Russian ones, hit Kyiv.";

async function code(b: Backend, channel: string, input: unknown): Promise<string> {
  const answer = await b.dispatch(channel, input);
  return answer.ok ? 'ok' : answer.error.code;
}

describe('registry entities', () => {
  it('refuses a name or alias holding a NUL with the reason (the store cannot measure it), in create and update', async () => {
    const b = await open();
    const nul = '\u0000\u001b[2J';
    for (const [channel, input] of [
      ['entities/create', { kind: 'actor', name: nul }],
      ['entities/create', { kind: 'actor', name: 'Kyiv office', aliases: [`K${nul}`] }],
    ] as const) {
      expect(await b.dispatch(channel, input)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/holds a NUL character/) } });
    }
    const e = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Kyiv office' });
    expect(await b.dispatch('entities/update', { id: e.id, name: nul })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/NUL/) } });
    expect((await ok<{ total: number }>(b, 'entities/list', {})).total).toBe(1);
  });

  it('creates entities, refuses a folded duplicate name with the holder, and finds names and aliases by type-ahead', async () => {
    const b = await open();
    const z = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Volodymyr Zelensky', actorKind: 'person', aliases: ['Zelenskyy', 'Зеленський'] });
    expect(z.aliases).toEqual(['Zelenskyy', 'Зеленський']);
    expect(z.author).toBe('tester');
    const dup = await b.dispatch('entities/create', { kind: 'actor', name: 'ZELENSKYY' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dup.ok ? '' : dup.error.message).toContain('Volodymyr Zelensky');
    // The same name is free in the other kind.
    expect(await code(b, 'entities/create', { kind: 'place', name: 'Zelenskyy' })).toBe('ok');
    expect(await code(b, 'entities/create', { kind: 'actor', name: 'x'.repeat(501) })).toBe('invalid_input');
    expect(await code(b, 'entities/create', { kind: 'actor', name: '!!!' })).toBe('invalid_input');
    expect(await code(b, 'entities/create', { kind: 'place', name: 'Kyiv', actorKind: 'person' })).toBe('invalid_input');

    const byWord = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'zel', kind: 'actor' });
    expect(byWord.hits.map((h) => [h.entity.id, h.match])).toEqual([[z.id, 'prefix']]);
    const cyr = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'ЗЕЛЕН' });
    expect(cyr.hits.map((h) => h.matched)).toEqual(['Зеленський']);
    // An alias that starts with the query ranks before a name whose later word does.
    const later = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'Zelensky', kind: 'actor' });
    expect(later.hits[0]).toMatchObject({ match: 'prefix', matched: 'Zelenskyy' });
    const place = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'zelensky', kind: 'place' });
    expect(place.hits.map((h) => [h.entity.kind, h.matched])).toEqual([['place', 'Zelenskyy']]);
    const exact = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'volodymyr zelensky' });
    expect(exact.hits[0]).toMatchObject({ match: 'exact', matched: 'Volodymyr Zelensky' });
  });

  it('links an actor annotation, counts its mentions and refuses a link of the wrong kind', async () => {
    const b = await open();
    const articleId = await importText(b, TEXT);
    const z = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Volodymyr Zelensky', actorKind: 'person' });
    const place = await ok<Entity>(b, 'entities/create', { kind: 'place', name: 'İstanbul' });
    const start = TEXT.indexOf('Zelensky');
    const actor = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', start, end: start + 8 });
    const linked = await ok<Annotation>(b, 'annotations/link', { annotationId: actor.id, entityId: z.id });
    expect(linked.attrs).toMatchObject({ entityId: z.id, canonicalName: 'Volodymyr Zelensky', kind: 'person' });
    expect(await ok<EntitySummary>(b, 'entities/get', { id: z.id })).toMatchObject({ mentions: 1, articles: 1 });
    expect(await code(b, 'annotations/link', { annotationId: actor.id, entityId: place.id })).toBe('invalid_input');
    expect(await code(b, 'annotations/update', { id: actor.id, attrs: { entityId: 'nope' } })).toBe('invalid_input');
    const mentions = await ok<{ total: number; items: Mention[] }>(b, 'entities/mentions', { id: z.id });
    expect(mentions.items[0]).toMatchObject({ before: 'Title\n\nPresident ', annotation: { quote: 'Zelensky' } });
    // Deleting the annotation takes its link and count with it.
    await ok(b, 'annotations/delete', { ids: [actor.id] });
    expect(await ok<EntitySummary>(b, 'entities/get', { id: z.id })).toMatchObject({ mentions: 0, articles: 0 });
  });

  it('merges two entities moving every link, and undoes the merge exactly', async () => {
    const b = await open();
    const articleId = await importText(b, TEXT);
    const a = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Zelensky', externalIds: ['wikidata:Q3874799'] });
    const c = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Зеленський', aliases: ['Zelenskyi'] });
    const s1 = TEXT.indexOf('Zelensky');
    const s2 = TEXT.indexOf('Зеленський');
    const m1 = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', start: s1, end: s1 + 8, attrs: { entityId: a.id } });
    const m2 = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', start: s2, end: s2 + 10, attrs: { entityId: c.id } });
    expect(await code(b, 'entities/merge', { from: c.id, into: c.id })).toBe('invalid_input');
    const merged = await ok<{ entity: EntitySummary; moved: number; token: string }>(b, 'entities/merge', { from: c.id, into: a.id });
    expect(merged.moved).toBe(1);
    expect(merged.entity).toMatchObject({ id: a.id, aliases: ['Зеленський', 'Zelenskyi'], mentions: 2, articles: 1 });
    expect((await ok<{ total: number }>(b, 'entities/list', {})).total).toBe(1);
    // The merged-away id answers with the survivor; a link to it is written as the survivor.
    expect((await ok<EntitySummary>(b, 'entities/get', { id: c.id })).id).toBe(a.id);
    const art = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: articleId });
    expect(art.annotations.find((x) => x.id === m2.id)?.attrs.entityId).toBe(a.id);
    const hits = await ok<{ hits: EntityHit[] }>(b, 'entities/search', { query: 'зеленськ' });
    expect(hits.hits.map((h) => h.entity.id)).toEqual([a.id]);

    await ok(b, 'entities/undo', { token: merged.token });
    expect(await ok<EntitySummary>(b, 'entities/get', { id: c.id })).toMatchObject({ id: c.id, name: 'Зеленський', aliases: ['Zelenskyi'], mentions: 1 });
    expect(await ok<EntitySummary>(b, 'entities/get', { id: a.id })).toMatchObject({ aliases: [], externalIds: ['wikidata:Q3874799'], mentions: 1 });
    const back = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: articleId });
    expect(back.annotations.find((x) => x.id === m1.id)?.attrs.entityId).toBe(a.id);
    expect(back.annotations.find((x) => x.id === m2.id)?.attrs.entityId).toBe(c.id);
    expect(await code(b, 'entities/undo', { token: merged.token })).toBe('not_found');
  });

  it('splits a mention off to a new entity, and deletes an entity with undo', async () => {
    const b = await open();
    const articleId = await importText(b, TEXT);
    const a = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Zelensky' });
    const s1 = TEXT.indexOf('Zelensky');
    const m1 = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', start: s1, end: s1 + 8, attrs: { entityId: a.id } });
    const split = await ok<{ entity: EntitySummary; token: string }>(b, 'entities/split', { annotationIds: [m1.id], to: { create: { kind: 'actor', name: 'Oleksandr Zelensky' } } });
    expect(split.entity).toMatchObject({ name: 'Oleksandr Zelensky', mentions: 1 });
    await ok(b, 'entities/undo', { token: split.token });
    expect(await code(b, 'entities/get', { id: split.entity.id })).toBe('not_found');
    expect(await ok<EntitySummary>(b, 'entities/get', { id: a.id })).toMatchObject({ mentions: 1 });

    const del = await ok<{ entities: number; unlinked: number; token: string }>(b, 'entities/delete', { ids: [a.id] });
    expect(del).toMatchObject({ entities: 1, unlinked: 1 });
    const art = await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: articleId });
    expect(art.annotations[0]?.attrs.entityId).toBeUndefined();
    await ok(b, 'entities/undo', { token: del.token });
    expect(await ok<EntitySummary>(b, 'entities/get', { id: a.id })).toMatchObject({ name: 'Zelensky', mentions: 1 });
  });
});

describe('suggestions', () => {
  it('proposes tags for unlinked mentions and links for unlinked actor spans, on word boundaries only', async () => {
    const b = await open();
    const articleId = await importText(b, TEXT);
    const z = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Volodymyr Zelensky', aliases: ['Zelensky', 'Зеленський'], actorKind: 'person' });
    const russia = await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Russia', actorKind: 'state' });
    await ok<Entity>(b, 'entities/create', { kind: 'place', name: 'Istanbul' });
    const s = TEXT.indexOf('Zelensky');
    const span = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'actor', start: s - 10, end: s + 8 });
    const { suggestions } = await ok<{ suggestions: Suggestion[] }>(b, 'suggestions/list', { articleId });
    expect(suggestions.map((x) => [x.text, x.action, x.entityId])).toEqual([
      ['Zelensky', 'link', z.id],
      ['Зеленський', 'tag', z.id],
      ['Russia', 'tag', russia.id],
    ]);
    expect(suggestions[0]?.annotationId).toBe(span.id);
    // Istanbul is a place: with no event around it, nothing is proposed; nothing was stored either.
    expect((await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id: articleId })).annotations).toHaveLength(1);

    await ok(b, 'suggestions/reject', { articleId, ids: [suggestions[2]!.id] });
    const after = await ok<{ suggestions: Suggestion[] }>(b, 'suggestions/list', { articleId });
    expect(after.suggestions.map((x) => x.text)).toEqual(['Zelensky', 'Зеленський']);

    const accepted = await ok<Accepted>(b, 'suggestions/acceptAll', { articleId });
    expect(accepted.created.map((a) => [a.quote, a.attrs.entityId, a.attrs.kind])).toEqual([['Зеленський', z.id, 'person']]);
    expect(accepted.linked.map((a) => a.attrs.entityId)).toEqual([z.id]);
    expect((await ok<{ suggestions: Suggestion[] }>(b, 'suggestions/list', { articleId })).suggestions).toEqual([]);
    expect(await ok<EntitySummary>(b, 'entities/get', { id: z.id })).toMatchObject({ mentions: 2, articles: 1 });

    const undone = await ok<{ removedAnnotationIds: string[]; annotations: Annotation[] }>(b, 'entities/undo', { token: accepted.token });
    expect(undone.removedAnnotationIds).toEqual([accepted.created[0]!.id]);
    expect(undone.annotations[0]?.attrs).toEqual({});
    expect((await ok<{ suggestions: Suggestion[] }>(b, 'suggestions/list', { articleId })).suggestions).toHaveLength(2);
  });

  it('offers a place as the location of an event around it, never as an actor', async () => {
    const b = await open();
    const articleId = await importText(b, TEXT);
    const kyiv = await ok<Entity>(b, 'entities/create', { kind: 'place', name: 'Kyiv', aliases: ['Київ'] });
    const s = TEXT.indexOf('hit Kyiv');
    const event = await ok<Annotation>(b, 'annotations/create', { articleId, label: 'event', start: s, end: s + 8 });
    const { suggestions } = await ok<{ suggestions: Suggestion[] }>(b, 'suggestions/list', { articleId });
    expect(suggestions).toMatchObject([{ action: 'link', annotationId: event.id, entityId: kyiv.id, entityKind: 'place' }]);
    const accepted = await ok<Accepted>(b, 'suggestions/accept', { articleId, ids: [suggestions[0]!.id] });
    expect(accepted.linked[0]?.attrs).toMatchObject({ locationEntityId: kyiv.id, location: 'Kyiv' });
    expect(await code(b, 'suggestions/accept', { articleId, ids: [suggestions[0]!.id] })).toBe('conflict');
  });

  it('runs library-wide as a job with progress, accepting everything as one undoable step', async () => {
    const b = await open();
    const ids = [await importText(b, TEXT), await importText(b, 'Other\n\nZelensky again.')];
    await ok<Entity>(b, 'entities/create', { kind: 'actor', name: 'Zelensky' });
    const job = await ok<Job>(b, 'suggestions/start', { accept: true });
    expect(job.kind).toBe('suggest');
    let current = job;
    while (current.state === 'running') {
      await new Promise((r) => setTimeout(r, 5));
      current = await ok<Job>(b, 'jobs/get', { id: job.id });
    }
    expect(current).toMatchObject({ state: 'done', done: 2, total: 2, suggested: { articles: 2, suggestions: 2, created: 2, linked: 0, cancelled: false } });
    for (const id of ids) expect((await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id })).annotations).toHaveLength(1);
    await ok(b, 'entities/undo', { token: current.suggested?.token });
    for (const id of ids) expect((await ok<{ annotations: Annotation[] }>(b, 'articles/get', { id })).annotations).toHaveLength(0);
  });
});
