import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { allEntities, summarize } from '../store/entities';
import { linkedEntityId } from '../store/entity-links';
import { importPaths } from '../services/library-import';
import { buildRegistryCorpus } from '../testing/registry-corpus';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { cpSlice, readAnn, readCsv, readJsonl } from './test-support/readers';

const tmp = useTmpDir();

/** Every linked span of the store: article title, quote, entity name and kind. */
function links(db: Db): string[] {
  const titles = db.prepare('SELECT id, title FROM articles').all() as { id: string; title: string }[];
  const entities = new Map([...allEntities(db)].map((e) => [e.id, e]));
  return titles
    .flatMap(({ id, title }) =>
      listAnnotations(db, id).flatMap((a) => {
        const e = linkedEntityId(a);
        const entity = e ? entities.get(e) : undefined;
        return entity ? [`${title} | ${a.label} "${a.quote}" → ${entity.kind} ${entity.name}`] : [];
      }),
    )
    .sort();
}

async function corpus(): Promise<{ db: Db; dir: string }> {
  const dir = tmp();
  const db = openStore(join(dir, 'library.db'));
  await buildRegistryCorpus(db);
  return { db, dir };
}

describe('registry links in the exports', () => {
  it('JSONL carries entity {id, kind, name} on linked spans, and its import recreates the links and the entities', async () => {
    const { db, dir } = await corpus();
    const before = links(db);
    expect(before).toHaveLength(11);
    expect(before).toContain('Kyiv talks | event "met Recep Tayyip Erdoğan in İstanbul" → place Istanbul');
    const out = join(dir, 'out.jsonl');
    await exportCorpus(db, { format: 'jsonl', out });
    const lines = readJsonl(readFileSync(out, 'utf8'));
    const spans = lines.flatMap((l) => ((l as Record<string, unknown>).spans as Record<string, unknown>[]).map((s): Record<string, unknown> => ({ ...s, article: l })));
    const linked = spans.filter((s) => s.entity);
    expect(linked).toHaveLength(11);
    for (const s of linked) {
      const entity = s.entity as { id: string; kind: string; name: string };
      expect(Object.keys(entity)).toEqual(['id', 'kind', 'name']);
      expect(s.attrs).not.toHaveProperty('entity_id');
      expect(cpSlice((s.article as { text: string }).text, s.start as number, s.end as number)).toBe(s.text);
    }

    const other = openStore(join(dir, 'other.db'));
    const report = await importPaths(other, [out], { author: 'tester' });
    expect(report.imported).toBe(1);
    expect(links(other)).toEqual(before);
    // The same ids: a second import of the same export matches them rather than adding entities.
    expect([...allEntities(other)].map((e) => e.id).sort()).toEqual([...allEntities(db)].map((e) => e.id).sort());
    const counts = (d: Db) => [...allEntities(d)].map((e) => [e.name, summarize(d, e).mentions]);
    expect(counts(other)).toEqual(counts(db).filter(([, n]) => (n as number) > 0));
    other.close();
    db.close();
  });

  it('CSV fills entity_id and entity_name; brat writes N lines with tools.conf; W3C an identifying body', async () => {
    const { db, dir } = await corpus();
    const entities = new Map([...allEntities(db)].map((e) => [e.id, e.name]));

    const csvOut = join(dir, 'out.csv');
    await exportCorpus(db, { format: 'csv', out: csvOut });
    const rows = readCsv(readFileSync(csvOut));
    const linkedRows = rows.filter((r) => r.entity_id !== '');
    expect(linkedRows).toHaveLength(11);
    for (const r of linkedRows) expect(entities.get(r.entity_id as string)).toBe(r.entity_name);
    expect(Object.keys(rows[0] ?? {})).not.toContain('actor_entity_id');

    const bratOut = join(dir, 'brat');
    await exportCorpus(db, { format: 'brat', out: bratOut });
    expect(readFileSync(join(bratOut, 'tools.conf'), 'utf8')).toMatch(/^\[normalization\]\nspanwise\tDB:spanwise/);
    let normalized = 0;
    for (const f of readdirSync(bratOut).filter((n) => n.endsWith('.ann'))) {
      const ann = readAnn(readFileSync(join(bratOut, f), 'utf8'));
      for (const n of ann.normalizations) {
        expect(n.db).toBe('spanwise');
        expect(entities.get(n.key)).toBe(n.text);
        // An entity's T line, or an event's E line (an event location's place: brat lets only the event name its trigger).
        expect([...ann.entities.filter((t) => t.type !== 'EVENT').map((t) => t.id), ...ann.events.map((e) => e.id)]).toContain(n.target);
        normalized++;
      }
      expect(ann.notes.map((x) => x.text).join('\n')).not.toContain('entity_id');
    }
    expect(normalized).toBe(11);

    const w3cOut = join(dir, 'out.jsonld');
    await exportCorpus(db, { format: 'w3c', out: w3cOut });
    const doc = JSON.parse(readFileSync(w3cOut, 'utf8')) as { first: { items: { body: Record<string, string>[] }[] } };
    const identifying = doc.first.items.flatMap((a) => a.body.filter((b) => b.purpose === 'identifying'));
    expect(identifying).toHaveLength(11);
    for (const b of identifying) {
      expect(b.type).toBe('SpecificResource');
      expect(entities.has(decodeURIComponent((b.source as string).replace('urn:spanwise:entity:', '')))).toBe(true);
    }
    db.close();
  });
});
