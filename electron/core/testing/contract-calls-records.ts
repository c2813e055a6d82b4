import type { Channel } from '../../../shared/ipc/channels';
import type { Disagreement } from '../../../shared/ipc/figures';
import type { Entity, Suggestion } from '../../../shared/ipc/entities';
import type { Annotation } from '../../../shared/model';
import { ok } from './backend';
import { allAnnotations, articleOf, someArticle, someSpan, type CallState, type Maker } from './call-state';

/** Valid calls of the analyst's layer: roles, incidents, the codebook, the registry, suggestions, figures. */

const ofLabel = (all: Annotation[], label: Annotation['label']) => all.filter((a) => a.label === label && a.status === 'ok');

/** An annotation of the label, tagged first when the library has none. */
async function someOf(s: CallState, label: Annotation['label']): Promise<Annotation> {
  const found = ofLabel(await allAnnotations(s), label);
  if (found.length) return s.rng.pick(found);
  const { article } = await someArticle(s);
  for (;;) {
    const answer = await s.b.dispatch('annotations/create', { articleId: article.id, label, ...someSpan(s.rng, article.text), attrs: {} });
    if (answer.ok) return answer.value as Annotation;
  }
}

async function entities(s: CallState, kind: 'actor' | 'place', atLeast = 1): Promise<Entity[]> {
  const list = async () => (await ok<{ items: Entity[] }>(s.b, 'entities/list', { kind, limit: 1000 })).items;
  let have = await list();
  while (have.length < atLeast) {
    await ok(s.b, 'entities/create', draft(s, kind));
    have = await list();
  }
  return have;
}

function draft(s: CallState, kind: 'actor' | 'place') {
  const n = s.seq++;
  return {
    kind,
    name: kind === 'actor' ? `Fuzz actor ${n}` : `Fuzz place ${n}`,
    aliases: [`FA-${n}`],
    ...(kind === 'actor' ? { actorKind: s.rng.pick(['person', 'state', null]) } : {}),
    externalIds: [`wikidata:Q${n + 1}`],
    note: 'made by the fuzz',
  };
}

/** An article with suggestions (an entity named like words of its text is made for that when none has). */
async function suggested(s: CallState): Promise<{ articleId: string; suggestions: Suggestion[] }> {
  for (let tries = 0; ; tries++) {
    const { article } = await someArticle(s);
    const { suggestions } = await ok<{ suggestions: Suggestion[] }>(s.b, 'suggestions/list', { articleId: article.id });
    if (suggestions.length) return { articleId: article.id, suggestions };
    const words = [...article.text.matchAll(/\p{L}{4,}/gu)].map((m) => m[0]);
    // A name already taken answers `conflict`; another word is tried next time.
    await s.b.dispatch('entities/create', { kind: 'actor', name: s.rng.pick(words) });
    if (tries > 20) throw new Error('no suggestions could be made');
  }
}

/** A disagreement: two figures of one count with different values are tagged in an article when none is left. */
async function disagreement(s: CallState): Promise<Disagreement> {
  for (;;) {
    const { items } = await ok<{ items: Disagreement[] }>(s.b, 'figures/disagreements', { limit: 100 });
    if (items.length) return s.rng.pick(items);
    const { article } = await someArticle(s);
    const attrs = (value: number) => ({ value, unit: 'people', counts: 'killed', qualifier: 'exact' });
    await s.b.dispatch('annotations/createMany', {
      articleId: article.id,
      items: [
        { label: 'figure', ...someSpan(s.rng, article.text, 4), attrs: attrs(2) },
        { label: 'figure', ...someSpan(s.rng, article.text, 12), attrs: attrs(5) },
      ],
    });
  }
}

export const RECORD_CALLS = {
  'roles/set': async (s) => {
    const event = await someOf(s, 'event');
    const mates = (await articleOf(s, event.articleId)).annotations.filter((a) => a.status === 'ok');
    const pick = (label: Annotation['label']) => mates.filter((a) => a.label === label && s.rng.chance(0.5));
    const roles = [
      ...pick('actor').map((a) => ({ role: s.rng.pick(['actor', 'target', 'with']), spanId: a.id })),
      ...pick('figure').map((a) => ({ role: 'figure', spanId: a.id })),
      ...pick('claim').map((a) => ({ role: 'source', spanId: a.id })),
    ];
    // An actor is one role of an event at a time, so the first of each span is kept.
    return { eventId: event.id, roles: roles.filter((r, i) => roles.findIndex((o) => o.spanId === r.spanId) === i) };
  },
  'incidents/group': async (s) => {
    const events = ofLabel(await allAnnotations(s), 'event');
    const chosen = events.filter(() => s.rng.chance(0.5));
    return { eventIds: (chosen.length ? chosen : [await someOf(s, 'event')]).map((e) => e.id) };
  },
  'incidents/ungroup': async (s) => {
    const event = await someOf(s, 'event');
    if (s.rng.chance(0.7)) await ok(s.b, 'incidents/group', { eventIds: [event.id] });
    return { eventIds: [event.id] };
  },
  'codebook/add': async (s) => ({ type: `Fuzz type ${s.seq++ % 7}`, ...(s.rng.chance(0.5) ? { subType: `Sub ${s.seq++ % 3}` } : {}) }),
  'entities/create': async (s) => draft(s, s.rng.pick(['actor', 'place'])),
  'entities/update': async (s) => {
    const e = s.rng.pick(await entities(s, s.rng.pick(['actor', 'place'])));
    return { id: e.id, name: `${e.name} ${s.seq++}`, aliases: [...e.aliases, `alias ${s.seq++}`], note: `${e.note}.` };
  },
  'entities/delete': async (s) => ({ ids: [s.rng.pick(await entities(s, s.rng.pick(['actor', 'place']))).id] }),
  'entities/merge': async (s) => {
    const [from, into] = (await entities(s, s.rng.pick(['actor', 'place']), 2)).sort(() => s.rng.next() - 0.5);
    return { from: (from as Entity).id, into: (into as Entity).id };
  },
  'entities/keepApart': async (s) => {
    const [from, into] = (await entities(s, s.rng.pick(['actor', 'place']), 2)).sort(() => s.rng.next() - 0.5);
    return { from: (from as Entity).id, into: (into as Entity).id };
  },
  'entities/split': async (s) => {
    const actor = await someOf(s, 'actor');
    const to = s.rng.chance(0.5) ? { id: s.rng.pick(await entities(s, 'actor')).id } : { create: draft(s, 'actor') };
    return { annotationIds: [actor.id], to };
  },
  'entities/undo': async (s) => {
    let token = s.entityTokens.pop();
    if (!token) token = (await ok<{ token: string }>(s.b, 'entities/delete', { ids: [s.rng.pick(await entities(s, 'place')).id] })).token;
    return { token };
  },
  'annotations/link': async (s) => {
    const a = await someOf(s, s.rng.pick(['actor', 'event']));
    if (s.rng.chance(0.2)) return { annotationId: a.id, entityId: null };
    return { annotationId: a.id, entityId: s.rng.pick(await entities(s, a.label === 'actor' ? 'actor' : 'place')).id };
  },
  'suggestions/accept': async (s) => {
    const { articleId, suggestions } = await suggested(s);
    return { articleId, ids: [s.rng.pick(suggestions).id] };
  },
  'suggestions/acceptAll': async (s) => ({ articleId: (await suggested(s)).articleId }),
  'suggestions/reject': async (s) => {
    const { articleId, suggestions } = await suggested(s);
    return { articleId, ids: [s.rng.pick(suggestions).id] };
  },
  'suggestions/start': async (s) => ({ accept: s.rng.chance(0.3) }),
  'figures/resolve': async (s) => {
    const d = await disagreement(s);
    const values = d.values.map((v) => v.value ?? 0);
    const resolution = s.rng.pick([
      { decision: 'value', value: s.rng.pick(values), note: 'the later report' },
      { decision: 'range', min: Math.min(...values), max: Math.max(...values) },
      { decision: 'not_same_count' },
      null,
    ]);
    return { id: d.id, resolution };
  },
  'figures/restoreResolution': async (s) => {
    const kept = s.resolutions.pop();
    if (kept) return kept;
    const d = await disagreement(s);
    const { previous } = await ok<{ previous: Disagreement['resolution'] }>(s.b, 'figures/resolve', { id: d.id, resolution: { decision: 'not_same_count' } });
    return { id: d.id, resolution: previous };
  },
  'figures/settings': async (s) => ({ spread: s.rng.pick([0, 0.05, 0.1, 0.25]) }),
} satisfies Partial<Record<Channel, Maker>>;
