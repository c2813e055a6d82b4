import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store, type Term } from 'n3';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/ipc/events';
import { startBackend } from '../services/app';
import { importPaths } from '../services/library-import';
import { listAnnotations } from '../store/annotations';
import { openStore, type Db } from '../store/db';
import { loadAttackReports } from '../testing/attack-reports';
import { ok } from '../testing/backend';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { readAnn, readConf, readCsv, readJsonl } from './test-support/readers';

const tmp = useTmpDir();

/** The three reports of one attack, tagged, with roles and claimants, grouped as one incident. */
async function attackLibrary(): Promise<{ dir: string; file: string; incident: Incident }> {
  const dir = tmp();
  const file = join(dir, 'library.db');
  const b = await startBackend(file, quietPlatform('analyst'));
  try {
    const loaded = await loadAttackReports(b);
    const { incident } = await ok<{ incident: Incident }>(b, 'incidents/group', { eventIds: loaded.map((l) => l.ids.event) });
    return { dir, file, incident };
  } finally {
    b.close();
  }
}

/** Every role of the library as `quote -role-> quote`, and every incident as the quotes of its events: what a round trip must keep. */
function linksOf(db: Db): { roles: string[]; incidents: string[][] } {
  const articles = db.prepare('SELECT id FROM articles').pluck().all() as string[];
  const quote = new Map(articles.flatMap((id) => listAnnotations(db, id).map((a) => [a.id, `${a.label} "${a.quote}"`] as const)));
  const roles = (db.prepare('SELECT event_id, role, span_id FROM event_roles').all() as { event_id: string; role: string; span_id: string }[]).map(
    (r) => `${quote.get(r.event_id)} -${r.role}-> ${quote.get(r.span_id)}`,
  );
  const claimants = articles.flatMap((id) =>
    listAnnotations(db, id).flatMap((a) => (a.label === 'claim' && typeof a.attrs.claimantId === 'string' ? [`${quote.get(a.id)} -claimant-> ${quote.get(a.attrs.claimantId)}`] : [])),
  );
  const groups = db.prepare('SELECT incident_id, event_id FROM incident_events').all() as { incident_id: string; event_id: string }[];
  const byIncident = new Map<string, string[]>();
  for (const g of groups) byIncident.set(g.incident_id, [...(byIncident.get(g.incident_id) ?? []), quote.get(g.event_id) ?? '?'].sort());
  return { roles: [...roles, ...claimants].sort(), incidents: [...byIncident.values()] };
}

interface JsonlSpan {
  id: string;
  label: string;
  text: string;
  roles?: { role: string; span_id: string }[];
  incident_id?: string;
}

describe('roles and incidents in JSONL and CSV', () => {
  it('JSONL carries roles [{role, span_id}] and incident_id, and importing it recreates them (round trip)', async () => {
    const { dir, file, incident } = await attackLibrary();
    const db = openStore(file);
    const before = linksOf(db);
    // Three reports: actor, target, figure and source on each event, and a claimant on each claim.
    expect(before.roles).toHaveLength(15);
    expect(before.incidents).toHaveLength(1);
    const out = join(dir, 'out.jsonl');
    await exportCorpus(db, { format: 'jsonl', out });
    const lines = readJsonl(readFileSync(out, 'utf8'));
    for (const line of lines) {
      const spans = line.spans as JsonlSpan[];
      const ids = new Set(spans.map((s) => s.id));
      const event = spans.find((s) => s.label === 'EVENT');
      expect(event?.incident_id).toBe(incident.id);
      expect(event?.roles?.map((r) => r.role)).toEqual(['actor', 'target', 'figure', 'source']);
      for (const r of spans.flatMap((s) => s.roles ?? [])) expect(ids.has(r.span_id)).toBe(true);
      const claim = spans.find((s) => s.label === 'CLAIM');
      expect(claim?.roles).toEqual([{ role: 'claimant', span_id: expect.any(String) }]);
      expect(spans.filter((s) => s.label === 'ACTOR' || s.label === 'FIGURE').every((s) => s.roles === undefined && s.incident_id === undefined)).toBe(true);
    }

    const other = openStore(join(dir, 'other.db'));
    const report = await importPaths(other, [out], { author: 'tester' });
    expect(report.outcomes.map((o) => [o.status, o.message])).toEqual([['imported', null]]);
    expect(linksOf(other)).toEqual(before);
    const again = join(dir, 'again.jsonl');
    await exportCorpus(other, { format: 'jsonl', out: again });
    const spansOf = (f: string) => readJsonl(readFileSync(f, 'utf8')).map((l) => l.spans);
    expect(spansOf(again)).toEqual(spansOf(out));
    other.close();
    db.close();
  });

  it('a label filter leaves out the roles whose other end it leaves out', async () => {
    const { dir, file } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'events.jsonl');
    await exportCorpus(db, { format: 'jsonl', out, labels: ['event', 'figure'] });
    for (const line of readJsonl(readFileSync(out, 'utf8'))) {
      const event = (line.spans as JsonlSpan[]).find((s) => s.label === 'EVENT');
      expect(event?.roles?.map((r) => r.role)).toEqual(['figure']);
    }
    db.close();
  });

  it('CSV fills incident_id and a roles cell (role:span_id, separated by |)', async () => {
    const { dir, file, incident } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'out.csv');
    await exportCorpus(db, { format: 'csv', out });
    const rows = readCsv(readFileSync(out));
    const events = rows.filter((r) => r.label === 'EVENT');
    expect(events.map((r) => r.incident_id)).toEqual([incident.id, incident.id, incident.id]);
    for (const e of events) {
      const inArticle = new Map(rows.filter((r) => r.article_id === e.article_id).map((r) => [r.span_id, r]));
      const roles = (e.roles ?? '').split('|').map((cell) => [cell.slice(0, cell.indexOf(':')), inArticle.get(cell.slice(cell.indexOf(':') + 1))?.label]);
      expect(roles).toEqual([
        ['actor', 'ACTOR'],
        ['target', 'ACTOR'],
        ['figure', 'FIGURE'],
        ['source', 'CLAIM'],
      ]);
    }
    expect(rows.filter((r) => r.label === 'CLAIM').map((r) => (r.roles ?? '').split(':')[0])).toEqual(['claimant', 'claimant', 'claimant']);
    expect(rows.filter((r) => r.label === 'ACTOR').every((r) => r.roles === '' && r.incident_id === '')).toBe(true);
    db.close();
  });
});

describe('roles in brat standoff', () => {
  it('writes each event as an E line whose arguments are its roles, claimants as R lines, both declared in annotation.conf; the importer reads them back', async () => {
    const { dir, file } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'brat');
    await exportCorpus(db, { format: 'brat', out });
    const conf = readConf(readFileSync(join(out, 'annotation.conf'), 'utf8'));
    const declared = new Map((conf.events ?? []).map((l) => [l.split('\t')[0], (l.split('\t')[1] ?? '').split(', ')]));
    const relations = new Map((conf.relations ?? []).map((l) => [l.split('\t')[0], l.split('\t')[1]]));
    expect(relations.get('Claimant')).toBe('Arg1:CLAIM, Arg2:ACTOR');
    const anns = readdirSync(out).filter((f) => f.endsWith('.ann'));
    expect(anns).toHaveLength(3);
    for (const f of anns) {
      const ann = readAnn(readFileSync(join(out, f), 'utf8'));
      const typeOf = new Map(ann.entities.map((t) => [t.id, t.type]));
      expect(ann.events).toHaveLength(1);
      const [event] = ann.events;
      expect(event?.type).toBe('EVENT');
      expect(typeOf.get(event?.trigger ?? '')).toBe('EVENT');
      // Each argument as annotation.conf allows it: the role, then the type its span must have.
      const allowed = declared.get('EVENT') ?? [];
      const args = (event?.args ?? []).map(([role, t]) => `${role.replace(/\d+$/, '')}*:${typeOf.get(t)}`);
      expect(args).toEqual(['Actor*:ACTOR', 'Target*:ACTOR', 'Figure*:FIGURE', 'Source*:CLAIM']);
      for (const a of args) expect(allowed).toContain(a);
      expect(ann.relations.map((r) => [r.type, typeOf.get(r.args.Arg1 ?? ''), typeOf.get(r.args.Arg2 ?? '')])).toEqual([['Claimant', 'CLAIM', 'ACTOR']]);
    }

    const other = openStore(join(dir, 'other.db'));
    const report = await importPaths(other, [out], { author: 'tester' });
    expect(report.outcomes.filter((o) => o.status !== 'skipped').map((o) => [o.status, o.message])).toEqual([
      ['imported', null],
      ['imported', null],
      ['imported', null],
    ]);
    expect(linksOf(other).roles).toEqual(linksOf(db).roles);
    other.close();
    db.close();
  });
});

const ANNO_CONTEXT = JSON.parse(readFileSync(new URL('./test-support/anno-context.json', import.meta.url), 'utf8')) as object;
/** Resolves only the Web Annotation context, from the published copy in the fixtures: tests never reach the network. */
const documentLoader = (url: string) => {
  if (url.replace(/^https:/, 'http:') !== 'http://www.w3.org/ns/anno.jsonld') throw new Error(`unexpected context ${url}`);
  return Promise.resolve({ contextUrl: undefined, documentUrl: url, document: ANNO_CONTEXT });
};
const OA = 'http://www.w3.org/ns/oa#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

describe('roles and incidents in W3C Web Annotation', () => {
  it('writes each role as a linking annotation and an incident as an identifying body, which jsonld.js and an RDF parser read back', async () => {
    const { dir, file, incident } = await attackLibrary();
    const db = openStore(file);
    const out = join(dir, 'out.jsonld');
    await exportCorpus(db, { format: 'w3c', out });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as object;
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
    const store = new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
    const objects = (s: Term, p: string) => store.getObjects(s, p, null);
    const one = (s: Term, p: string) => {
      const [o, ...more] = objects(s, p);
      if (!o || more.length > 0) throw new Error(`${s.value} has ${more.length + (o ? 1 : 0)} ${p}`);
      return o;
    };
    const bodies = (a: Term) => objects(a, `${OA}hasBody`);
    const tagOf = (a: Term) => bodies(a).find((b) => objects(b, `${OA}hasPurpose`).some((p) => p.value === `${OA}tagging`));
    const annotations = store.getSubjects(`${RDF}type`, `${OA}Annotation`, null);
    // What a span's annotation says: its label and the quote its TextQuoteSelector holds.
    const spanOf = new Map<string, string>();
    for (const a of annotations.filter((x) => objects(x, `${OA}motivatedBy`).some((m) => m.value === `${OA}tagging`))) {
      const selectors = objects(one(a, `${OA}hasTarget`), `${OA}hasSelector`);
      const exact = selectors.flatMap((sel) => objects(sel, `${OA}exact`))[0];
      spanOf.set(a.value, `${one(tagOf(a) as Term, `${RDF}value`).value.toLowerCase()} "${exact?.value}"`);
    }
    const roles = annotations
      .filter((x) => objects(x, `${OA}motivatedBy`).some((m) => m.value === `${OA}linking`))
      .map((link) => {
        const role = one(tagOf(link) as Term, `${RDF}value`).value;
        const targets = objects(link, `${OA}hasTarget`).map((t) => spanOf.get(t.value) ?? `unknown ${t.value}`);
        expect(targets).toHaveLength(2);
        // RDF keeps no order among targets: the event (or claim) is the one whose label has the role.
        const owner = targets.find((t) => t.startsWith(role === 'claimant' ? 'claim ' : 'event ')) as string;
        return `${owner} -${role}-> ${targets.find((t) => t !== owner)}`;
      });
    expect(roles.sort()).toEqual(linksOf(db).roles);
    const incidentOf = [...spanOf].filter(([, s]) => s.startsWith('event ')).map(([iri]) => {
      const body = bodies(store.getSubjects(null, null, null).find((x) => x.value === iri) as Term).find((b) => objects(b, `${OA}hasPurpose`).some((p) => p.value === `${OA}identifying`));
      return body ? one(body, `${OA}hasSource`).value : null;
    });
    expect(incidentOf).toEqual([0, 1, 2].map(() => `urn:spanwise:incident:${incident.id}`));
    db.close();
  });
});

describe('roles and incidents a JSONL import refuses', () => {
  const text = 'Russia launched drones at Ukraine. Two people were killed.';
  const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, text: quote });
  const spans = [
    { id: 'e1', label: 'EVENT', ...at('launched drones at Ukraine'), attrs: { type: 'Explosions/Remote violence' }, roles: [{ role: 'actor', span_id: 'a1' }], incident_id: 'inc-x' },
    { id: 'a1', label: 'ACTOR', ...at('Russia') },
    { id: 'a2', label: 'ACTOR', ...at('Ukraine') },
    { id: 'f1', label: 'FIGURE', ...at('Two people were killed'), attrs: { value: 2 } },
  ];

  async function importLines(records: unknown[]) {
    const dir = tmp();
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const db = openStore(join(dir, 'library.db'));
    const report = await importPaths(db, [file], { author: 'tester' });
    return { db, report, outcome: report.outcomes[0] };
  }

  it('leaves out a role to a span of another article, a role whose span has the wrong label and an unknown event type, naming each; the rest imports', async () => {
    const { db, outcome } = await importLines([
      {
        id: 'art1',
        text,
        spans: [
          { ...spans[0], roles: [{ role: 'actor', span_id: 'a1' }, { role: 'target', span_id: 'elsewhere' }, { role: 'figure', span_id: 'a2' }, { role: 'claimant', span_id: 'a2' }] },
          ...spans.slice(1),
        ],
      },
      { id: 'art2', text: `${text} Again.`, spans: [{ id: 'e9', label: 'EVENT', ...at('launched drones at Ukraine'), attrs: { type: 'Teleportation' } }, { id: 'elsewhere', label: 'ACTOR', ...at('Ukraine') }] },
    ]);
    expect(outcome?.status).toBe('partial');
    const message = outcome?.message ?? '';
    expect(message).toContain('role target: no span "elsewhere" in this article (roles point to spans of their own article); left out');
    expect(message).toContain('role figure: annotation a2 is a actor, not a figure; left out');
    expect(message).toContain('a event has no role "claimant"');
    expect(message).toContain('span e9: unknown event type "Teleportation" (not in the library\'s codebook); left out');
    expect(db.prepare('SELECT role, span_id FROM event_roles').all()).toEqual([{ role: 'actor', span_id: 'a1' }]);
    expect(db.prepare('SELECT event_id, incident_id FROM incident_events').all()).toEqual([{ event_id: 'e1', incident_id: 'inc-x' }]);
    // The second article imports without its event.
    expect(listAnnotations(db, 'art2').map((a) => a.id)).toEqual(['elsewhere']);
    db.close();
  });

  it('events of several articles with the same incident_id form one incident', async () => {
    const { db } = await importLines([
      { id: 'one', text, spans: spans.slice(0, 2) },
      { id: 'two', text: `Overnight: ${text}`, spans: [{ id: 'e2', label: 'EVENT', ...at('launched drones at Ukraine'), start: 11 + at('launched drones at Ukraine').start, end: 11 + at('launched drones at Ukraine').end, incident_id: 'inc-x' }] },
    ]);
    expect(db.prepare('SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY event_id').pluck().all('inc-x')).toEqual(['e1', 'e2']);
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(1);
    db.close();
  });
});
