import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../shared/fold';
import type { RegistryName } from '../store/entities';
import { buildDictionary, findNames } from './name-matcher';

const names = (...list: [string, string, RegistryName['kind']?][]): RegistryName[] => list.map(([entityId, name, kind]) => ({ kind: kind ?? 'actor', key: nameKey(name), entityId, name }));

/** Each match as "text → entity ids". */
function found(text: string, entries: RegistryName[]): string[] {
  return findNames(text, buildDictionary(entries)).map((m) => `${text.slice(m.start, m.end)} → ${m.names.map((n) => n.entityId).join(',')}`);
}

describe('findNames', () => {
  it('matches whole words only, folding case and accents, and a possessive holds the name', () => {
    const registry = names(['ru', 'Russia'], ['z', 'Zelenskyy']);
    expect(found("Russia's envoy met ZELENSKÝY; Russian media and Russians said nothing.", registry)).toEqual(["Russia → ru", 'ZELENSKÝY → z']);
  });

  it('matches a name of several words over spaces, hyphens and dots, never over a line break or a comma', () => {
    const registry = names(['jp', 'Jean Pierre Bemba'], ['q', 'al Qaeda']);
    expect(found('Jean-Pierre Bemba and al  Qaeda.', registry)).toEqual(['Jean-Pierre Bemba → jp', 'al  Qaeda → q']);
    expect(found('Jean\nPierre Bemba, al, Qaeda', registry)).toEqual([]);
  });

  it('keeps the longest where names overlap, and a shorter name on its own elsewhere', () => {
    const registry = names(['ny', 'New York'], ['nyt', 'New York Times'], ['y', 'York']);
    expect(found('The New York Times said York and New York agreed.', registry)).toEqual(['New York Times → nyt', 'York → y', 'New York → ny']);
  });

  it('gives both entities where an actor and a place share a name', () => {
    const registry = names(['actor', 'Kyiv'], ['place', 'Kyiv', 'place']);
    expect(found('Kyiv said', registry)).toEqual(['Kyiv → actor,place']);
  });

  it('matches Cyrillic names as written (inflected forms are aliases, not guessed) and counts offsets past emoji', () => {
    const registry = names(['z', 'Зеленський']);
    const text = '🇺🇦 ЗЕЛЕНСЬКИЙ і Зеленського';
    const [m] = findNames(text, buildDictionary(registry));
    expect(found(text, registry)).toEqual(['ЗЕЛЕНСЬКИЙ → z']);
    expect(m?.start).toBe(5);
  });

  it('matches a name of an unspaced script as a run of characters', () => {
    expect(found('习近平说', names(['x', '习近平']))).toEqual(['习近平 → x']);
  });

  it('stops at a prefix of a longer name that the text does not complete', () => {
    const registry = names(['long', 'Northern Front Coalition']);
    expect(found('The Northern Front said', registry)).toEqual([]);
    expect(found('The Northern Front Coalition said', registry)).toEqual(['Northern Front Coalition → long']);
  });
});
