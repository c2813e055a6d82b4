import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleWriter } from '../export/test-support/bundles';
import { readBundleLines } from '../export/test-support/readers';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { allEntities, entityIdByName, getStoredEntity, insertEntity, resolveEntityId, updateEntity } from '../store/entities';
import { linkedEntityId } from '../store/entity-links';
import { buildRegistryCorpus } from '../testing/registry-corpus';
import { useTmpDir } from '../testing/tmp';
import { importBundle } from './bundle';
import { keepEntitiesApart, mergeEntities } from './entities';
import { undoStep } from './entity-undo';
import { bundleSummary } from './library-import';

const tmp = useTmpDir();

/** Every standing entity as a line: kind, name, actor kind, aliases, external ids, note. */
function registry(db: Db): string[] {
  return [...allEntities(db)].map((e) => [e.id, e.kind, e.name, e.actorKind ?? '-', e.aliases.join('|'), e.externalIds.join('|'), e.note].join(' / '));
}

/** Every linked span: quote and the name of the standing entity it reaches (following merges). */
function links(db: Db): string[] {
  const articles = db.prepare('SELECT id FROM articles').pluck().all() as string[];
  return articles
    .flatMap((id) =>
      listAnnotations(db, id).flatMap((a) => {
        const linked = linkedEntityId(a);
        const live = linked ? resolveEntityId(db, linked) : null;
        return linked ? [`${a.label} "${a.quote}" → ${live ? getStoredEntity(db, live)?.name : `missing ${linked}`}`] : [];
      }),
    )
    .sort();
}

async function machineA() {
  const dir = tmp();
  const a = openStore(join(dir, 'a.db'));
  await buildRegistryCorpus(a);
  return { dir, a, bundle: bundleWriter(dir) };
}

describe('the registry in bundles', () => {
  it('carries the linked entities in the article lines and recreates them, links and all, in another library', async () => {
    const { dir, a, bundle } = await machineA();
    const file = await bundle(a);
    const lines = readBundleLines(readFileSync(file)) as { type?: string; title?: string; entities?: { name: string; aliases: string[] }[] }[];
    const kyiv = lines.find((l) => l.title === 'Kyiv talks');
    expect(kyiv?.entities?.map((e) => e.name).sort()).toEqual(['Istanbul', 'Recep Tayyip Erdoğan', 'Russia', 'Volodymyr Zelensky']);
    expect(kyiv?.entities?.find((e) => e.name === 'Volodymyr Zelensky')?.aliases).toEqual(['Zelenskyy', 'Зеленський', 'Zelensky']);

    const b = openStore(join(dir, 'b.db'));
    const report = await importBundle(b, file);
    expect(report.entities).toEqual({ added: 4, updated: 0, unchanged: 0, offers: [], keptApart: 0, conflicts: [] });
    expect(registry(b)).toEqual(registry(a));
    expect(links(b)).toEqual(links(a));
    expect(links(b)).toHaveLength(11);
    expect(links(b).join('\n')).not.toContain('missing');

    // Back to A, and again to B: every entity is already the same, nothing is added.
    expect((await importBundle(a, await bundle(b))).entities).toEqual({ added: 0, updated: 0, unchanged: 4, offers: [], keptApart: 0, conflicts: [] });
    expect((await importBundle(b, file)).entities).toMatchObject({ added: 0, unchanged: 4, offers: [] });
    expect(registry(a)).toEqual(registry(b));
  });

  it('reads a bundle written before entities travelled (the links stay, naming entities this library lacks)', async () => {
    const { dir, a, bundle } = await machineA();
    const lines = readBundleLines(readFileSync(await bundle(a))).map((l) => {
      const { entities: _left, ...rest } = l as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    const old = join(dir, 'old.spanwise');
    writeFileSync(old, gzipSync(`${lines.join('\n')}\n`));
    const b = openStore(join(dir, 'b.db'));
    expect((await importBundle(b, old)).entities).toMatchObject({ added: 0, offers: [] });
    expect(registry(b)).toEqual([]);
    expect(links(b).filter((l) => l.includes('missing'))).toHaveLength(11);
  });

  it('merges an entity with the same id: names and external ids it adds are taken, a field set differently keeps this library’s', async () => {
    const { dir, a, bundle } = await machineA();
    const b = openStore(join(dir, 'b.db'));
    await importBundle(b, await bundle(a));
    const russia = entityIdByName(a, 'actor', 'Russia') as string;
    const zelensky = entityIdByName(a, 'actor', 'Zelensky') as string;
    updateEntity(a, russia, { aliases: ['Росія', 'Russian Federation'], externalIds: ['wikidata:Q159'], note: 'the state' });
    updateEntity(b, zelensky, { note: 'President since 2019' });
    const report = await importBundle(b, await bundle(a));
    expect(report.entities).toMatchObject({ added: 0, updated: 1, offers: [] });
    expect(report.entities?.conflicts).toEqual([{ entityId: zelensky, name: 'Volodymyr Zelensky', field: 'note', local: 'President since 2019', incoming: 'President of Ukraine' }]);
    expect(getStoredEntity(b, russia)).toMatchObject({ aliases: ['Росія', 'Russian Federation'], externalIds: ['wikidata:Q159'], note: 'the state' });
    expect(getStoredEntity(b, zelensky)?.note).toBe('President since 2019');
    expect(bundleSummary(report)).toContain("1 entity given the other machine's names or details");
    expect(bundleSummary(report)).toContain('1 entity detail set differently there, this library\'s kept');
  });

  it('offers an entity named like one here (case and accents folded) as a merge, keeps both until the analyst accepts, and the merge is undoable', async () => {
    const { dir, a, bundle } = await machineA();
    const b = openStore(join(dir, 'b.db'));
    const mine = insertEntity(b, { kind: 'actor', name: 'VOLODYMYR ZELENSKÝ', actorKind: 'person', aliases: ['Зеленский'], author: 'bob' });
    const place = insertEntity(b, { kind: 'place', name: 'istanbul', author: 'bob' });
    // An actor named like a place is another kind of thing: not offered.
    insertEntity(b, { kind: 'actor', name: 'Istanbul', author: 'bob' });
    const theirs = entityIdByName(a, 'actor', 'Volodymyr Zelensky') as string;
    const theirPlace = entityIdByName(a, 'place', 'Istanbul') as string;

    const report = await importBundle(b, await bundle(a));
    expect(report.entities?.offers).toHaveLength(2);
    expect(report.entities?.offers).toEqual(
      expect.arrayContaining([
        { kind: 'place', name: 'Istanbul', fromId: theirPlace, fromName: 'Istanbul', intoId: place.id, intoName: 'istanbul' },
        { kind: 'actor', name: 'Volodymyr Zelensky', fromId: theirs, fromName: 'Volodymyr Zelensky', intoId: mine.id, intoName: 'VOLODYMYR ZELENSKÝ' },
      ]),
    );
    expect(bundleSummary(report)).toContain('2 entities named like one here, kept apart and offered as a merge');
    // Not silently merged: both stand, the bundle's links go to the bundle's entity, whose other names it holds.
    expect(report.entities?.added).toBe(4);
    expect(getStoredEntity(b, theirs)).toMatchObject({ name: 'Volodymyr Zelensky', mergedInto: null, aliases: ['Zelenskyy', 'Зеленський', 'Zelensky'] });
    expect(entityIdByName(b, 'actor', 'volodymyr zelensky')).toBe(mine.id);
    expect(entityIdByName(b, 'actor', 'Zelenskyy')).toBe(theirs);
    const linkedToTheirs = b.prepare('SELECT count(*) FROM entity_links WHERE entity_id = ?').pluck().get(theirs) as number;
    expect(linkedToTheirs).toBe(4);

    // The same bundle again offers the pair again (the analyst has not chosen) and adds nothing.
    expect((await importBundle(b, await bundle(a))).entities).toMatchObject({ added: 0, offers: [{ fromId: expect.any(String) }, { fromId: expect.any(String) }] });

    // Accepting: every link moves to this library's entity, which gains the names it lacked.
    const before = links(b);
    const merged = mergeEntities(b, theirs, mine.id);
    expect(merged.moved).toBe(linkedToTheirs);
    expect(getStoredEntity(b, mine.id)).toMatchObject({ name: 'VOLODYMYR ZELENSKÝ', aliases: ['Зеленский', 'Zelenskyy', 'Зеленський', 'Zelensky'] });
    expect(links(b).filter((l) => l.includes('Zelensk')).every((l) => l.endsWith('→ VOLODYMYR ZELENSKÝ'))).toBe(true);
    expect((await importBundle(b, await bundle(a))).entities).toMatchObject({ added: 0, offers: [{ fromId: theirPlace }] });

    // Undone, the two stand apart again as the bundle left them.
    undoStep(b, merged.token);
    expect(getStoredEntity(b, theirs)).toMatchObject({ name: 'Volodymyr Zelensky', mergedInto: null, aliases: ['Zelenskyy', 'Зеленський', 'Zelensky'] });
    expect(getStoredEntity(b, mine.id)?.aliases).toEqual(['Зеленский']);
    expect(entityIdByName(b, 'actor', 'volodymyr zelensky')).toBe(mine.id);
    expect(links(b)).toEqual(before);
  });

  it('does not offer again a pair the analyst kept apart, under either id or after either side is merged into another, and says so in the report', async () => {
    const { dir, a, bundle } = await machineA();
    const b = openStore(join(dir, 'b.db'));
    const mine = insertEntity(b, { kind: 'actor', name: 'VOLODYMYR ZELENSKÝ', actorKind: 'person', author: 'bob' });
    const place = insertEntity(b, { kind: 'place', name: 'istanbul', author: 'bob' });
    const theirs = entityIdByName(a, 'actor', 'Volodymyr Zelensky') as string;
    const theirPlace = entityIdByName(a, 'place', 'Istanbul') as string;
    expect((await importBundle(b, await bundle(a))).entities?.offers).toHaveLength(2);

    keepEntitiesApart(b, theirs, mine.id, 'bob');
    expect(b.prepare('SELECT a, b, author FROM entities_kept_apart').all()).toEqual([{ a: [theirs, mine.id].sort()[0], b: [theirs, mine.id].sort()[1], author: 'bob' }]);
    const again = await importBundle(b, await bundle(a));
    expect(again.entities).toMatchObject({ added: 0, keptApart: 1, offers: [{ fromId: theirPlace, intoId: place.id }] });
    expect(bundleSummary(again)).toContain('1 entity named like one here, kept apart and offered as a merge');
    expect(bundleSummary(again)).toContain('1 entity named like one here, kept apart as chosen before');

    // This library's entity merged into another of its own: the choice holds for the survivor.
    const president = insertEntity(b, { kind: 'actor', name: 'President of Ukraine', author: 'bob' });
    mergeEntities(b, mine.id, president.id);
    expect((await importBundle(b, await bundle(a))).entities).toMatchObject({ keptApart: 1, offers: [{ fromId: theirPlace }] });

    // Merged after all (from the Actors view): one entity, nothing left to keep apart or offer.
    mergeEntities(b, theirs, president.id);
    expect((await importBundle(b, await bundle(a))).entities).toMatchObject({ keptApart: 0, offers: [{ fromId: theirPlace }] });
  });

  it('refuses to keep apart what is one entity, entities of two kinds, or an unknown id, writing nothing', async () => {
    const { a } = await machineA();
    const actor = entityIdByName(a, 'actor', 'Volodymyr Zelensky') as string;
    const place = entityIdByName(a, 'place', 'Istanbul') as string;
    expect(() => keepEntitiesApart(a, actor, actor, 'bob')).toThrow(/already one entity/);
    expect(() => keepEntitiesApart(a, actor, place, 'bob')).toThrow(/not the same kind/);
    expect(() => keepEntitiesApart(a, actor, 'no-such-entity', 'bob')).toThrow(/no entity with id no-such-entity/);
    expect(a.prepare('SELECT count(*) FROM entities_kept_apart').pluck().get()).toBe(0);
  });
});
