import { describe, expect, it } from 'vitest';
import type { EntityHit, EntitySummary } from '../../../shared/ipc/entities';
import { entityOptions, kindTitle, linkAttrs, placeAttrs } from './entityOptions';

const entity = (id: string, name: string, extra: Partial<EntitySummary> = {}): EntitySummary => ({
  id,
  kind: 'actor',
  name,
  actorKind: 'person',
  aliases: [],
  externalIds: [],
  note: '',
  author: 'a',
  createdAt: '',
  updatedAt: '',
  mentions: 2,
  articles: 1,
  ...extra,
});
const hit = (e: EntitySummary, matched: string, match: EntityHit['match']): EntityHit => ({ entity: e, matched, match });

const zelensky = entity('z', 'Volodymyr Zelensky', { aliases: ['Zelensky', 'Зеленський'] });
const zelenska = entity('o', 'Olena Zelenska');

describe('entityOptions', () => {
  it('puts creating the tagged span first while no entity has its name', () => {
    const options = entityOptions([hit(zelenska, 'Olena Zelenska', 'word')], 'Zelenskyi', { allowCreate: true, preferCreate: true });
    expect(options.map((o) => o.option.label)).toEqual(['Create “Zelenskyi”', 'Olena Zelenska']);
    expect(options[0]?.choice).toEqual({ kind: 'create', name: 'Zelenskyi' });
  });

  it('offers no create when an entity has that name or alias, and says which alias matched', () => {
    const options = entityOptions([hit(zelensky, 'Зеленський', 'exact')], 'зеленський', { allowCreate: true, preferCreate: true });
    expect(options.map((o) => o.option.label)).toEqual(['Volodymyr Zelensky']);
    expect(options[0]?.option.detail).toBe('as “Зеленський” · person · 2 mentions');
  });

  it('puts the matches first once the analyst has typed, create last', () => {
    const options = entityOptions([hit(zelensky, 'Zelensky', 'prefix'), hit(zelenska, 'Olena Zelenska', 'word')], ' Zel ', {
      allowCreate: true,
      preferCreate: false,
    });
    expect(options.map((o) => o.option.id)).toEqual(['entity:z', 'entity:o', 'create']);
    expect(options[2]?.choice).toEqual({ kind: 'create', name: 'Zel' });
  });

  it('leaves out excluded and repeated entities, and offers no create for blank text or when not allowed', () => {
    const hits = [hit(zelensky, 'Zelensky', 'prefix'), hit(zelensky, 'Volodymyr Zelensky', 'word'), hit(zelenska, 'Olena Zelenska', 'word')];
    expect(entityOptions(hits, 'Zel', { allowCreate: false, preferCreate: false, exclude: new Set(['o']) }).map((o) => o.option.id)).toEqual(['entity:z']);
    expect(entityOptions([], '   ', { allowCreate: true, preferCreate: true })).toEqual([]);
  });

  it('names a kind by its actor kind, or place', () => {
    expect(kindTitle({ kind: 'actor', actorKind: 'armed group' })).toBe('armed group');
    expect(kindTitle({ kind: 'actor', actorKind: null })).toBe('actor');
    expect(kindTitle({ kind: 'place', actorKind: null })).toBe('place');
  });
});

describe('linkAttrs', () => {
  it('links, and gives the span the entity name and kind only where it has none', () => {
    expect(linkAttrs({ attrs: {} }, zelensky)).toEqual({ entityId: 'z', canonicalName: 'Volodymyr Zelensky', kind: 'person' });
    expect(linkAttrs({ attrs: { canonicalName: 'President Zelensky', kind: 'state' } }, zelensky)).toEqual({ entityId: 'z' });
    expect(linkAttrs({ attrs: {} }, { ...zelensky, actorKind: null })).toEqual({ entityId: 'z', canonicalName: 'Volodymyr Zelensky' });
  });
});

describe('placeAttrs', () => {
  it('links an event to a place, and names the location by it only when the event has none', () => {
    const geneva = { id: 'g', name: 'Geneva' };
    expect(placeAttrs({ attrs: {} }, geneva)).toEqual({ locationEntityId: 'g', location: 'Geneva' });
    expect(placeAttrs({ attrs: { location: 'Genf' } }, geneva)).toEqual({ locationEntityId: 'g' });
  });
});
