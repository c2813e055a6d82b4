import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, CLAIM_STATUSES, FIGURE_QUALIFIERS, LABELS } from '../../../shared/model';
import { LABEL_COLOURS } from '../../../shared/palette';
import { parseBratPair } from '../import';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildCorpus } from './test-support/corpus';
import { cpOf, cpSlice, readAnn, readConf } from './test-support/readers';

describe('brat standoff export', () => {
  const tmp = useTmpDir();

  async function exported() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const corpus = buildCorpus(db);
    const out = join(dir, 'brat');
    const result = await exportCorpus(db, { format: 'brat', out });
    const read = (name: string) => readFileSync(join(out, name), 'utf8');
    return { corpus, result, out, read };
  }

  it('writes a .txt and an .ann per article plus annotation.conf, visual.conf and tools.conf', async () => {
    const { corpus, out, read, result } = await exported();
    const expected = ['annotation.conf', 'tools.conf', 'visual.conf', ...corpus.articles.flatMap((a) => [`${a.id}.txt`, `${a.id}.ann`])];
    expect(readdirSync(out).sort()).toEqual(expected.sort());
    for (const article of corpus.articles) expect(read(`${article.id}.txt`)).toBe(article.text);
    expect(result.articles).toBe(corpus.articles.length);
  });

  it('writes T lines whose fragments slice the .txt at code point offsets, split at newlines', async () => {
    const { corpus, read } = await exported();
    let fragmented = 0;
    for (const article of corpus.articles) {
      const text = read(`${article.id}.txt`);
      const ann = readAnn(read(`${article.id}.ann`));
      const live = corpus.annotations.filter((a) => a.articleId === article.id && a.status === 'ok');
      expect(ann.entities).toHaveLength(live.length);
      for (const entity of ann.entities) {
        const pieces = entity.fragments.map(([s, e]) => cpSlice(text, s, e));
        for (const piece of pieces) expect(piece).not.toContain('\n');
        expect(pieces.join(' ')).toBe(entity.text);
        const first = entity.fragments[0] as [number, number];
        const last = entity.fragments[entity.fragments.length - 1] as [number, number];
        const whole = cpSlice(text, first[0], last[1]);
        // Between fragments there is nothing but the newlines they were cut at.
        expect(whole.replace(/\n+/g, ' ')).toBe(entity.text);
        const source = live.find((a) => a.quote === whole && a.label.toUpperCase() === entity.type);
        expect(source, `${article.id} ${entity.id}`).toBeDefined();
        expect(first[0]).toBe(cpOf(text, source?.start ?? -1));
        if (entity.fragments.length > 1) fragmented++;
      }
    }
    // The cross-paragraph event and the two-line event.
    expect(fragmented).toBe(2);
  });

  it('writes one AnnotatorNotes per span (escaped onto one line), enumerated attributes as A lines and the rest as one Attributes comment', async () => {
    const { corpus, read } = await exported();
    const conf = readConf(read('annotation.conf'));
    // An event is a brat event (its T line the trigger of an E line), the other labels entities.
    expect(conf.entities).toEqual(['CLAIM', 'ACTOR', 'FIGURE']);
    expect(conf.events).toEqual(['EVENT\tActor*:ACTOR, Target*:ACTOR, With*:ACTOR, Figure*:FIGURE, Source*:CLAIM']);
    const declared = Object.fromEntries((conf.attributes ?? []).map((l) => [l.split('\t')[0], l.split('Value:')[1]?.split('|')]));
    const underscored = (values: readonly string[]) => values.map((v) => v.replace(/ /g, '_'));
    expect(declared).toEqual({ Status: [...CLAIM_STATUSES], Kind: underscored(ACTOR_KINDS), Qualifier: underscored(FIGURE_QUALIFIERS) });

    const text = read('kyiv.txt');
    const ann = readAnn(read('kyiv.ann'));
    const entityQuoting = (quote: string) => {
      const e = ann.entities.find((x) => cpSlice(text, x.fragments[0]?.[0] ?? 0, x.fragments[x.fragments.length - 1]?.[1] ?? 0) === quote);
      if (!e) throw new Error(`no entity for ${quote}`);
      return e;
    };
    const claim = entityQuoting("Ukraine's air force said it shot down 80 drones overnight");
    const airForce = entityQuoting("Ukraine's air force");
    const notesOf = (id: string, type: string) => ann.notes.filter((n) => n.target === id && n.type === type).map((n) => n.text);
    expect(notesOf(claim.id, 'AnnotatorNotes')).toEqual(['Contradicts\tthe city\'s "76", see below,\\nsecond line']);
    expect(notesOf(claim.id, 'Attributes').map((j) => JSON.parse(j) as unknown)).toEqual([{ claimant: "Ukraine's air force" }]);
    expect(ann.attributes.filter((a) => a.target === claim.id)).toEqual([expect.objectContaining({ name: 'Status', value: 'disputed' })]);
    // The linked claimant is the air force span: a relation, not an attribute.
    expect(ann.relations).toEqual([expect.objectContaining({ type: 'Claimant', args: { Arg1: claim.id, Arg2: airForce.id } })]);
    expect(ann.attributes.find((a) => a.target === airForce.id)?.value).toBe('armed_group');
    expect(notesOf(airForce.id, 'Attributes').map((j) => JSON.parse(j) as unknown)).toEqual([{ canonical_name: 'Air Force of Ukraine' }]);
    expect(ann.attributes.find((a) => a.target === entityQuoting('80 drones').id)?.value).toBe('at_least');
    expect(notesOf(entityQuoting('80 drones').id, 'Attributes').map((j) => JSON.parse(j) as unknown)).toEqual([{ value: 80, unit: 'drones' }]);
    for (const a of ann.attributes) expect(declared[a.name]).toContain(a.value);
    // brat's note dialog edits only a span's first AnnotatorNotes, so there is never a second.
    for (const article of corpus.articles) {
      const notes = readAnn(read(`${article.id}.ann`)).notes.filter((n) => n.type === 'AnnotatorNotes');
      expect(new Set(notes.map((n) => n.target)).size).toBe(notes.length);
    }

    const arabic = readAnn(read('arabic.ann'));
    const padded = corpus.byQuote('👨‍👩‍👧 families fled, "quoted", with commas');
    const paddedEntity = arabic.entities.find((e) => e.text === padded.quote);
    // brat lets only its event name a trigger, so an event's notes name its E line.
    const paddedEvent = arabic.events.find((e) => e.trigger === paddedEntity?.id);
    expect(paddedEvent).toBeDefined();
    expect(arabic.notes.filter((n) => n.target === paddedEntity?.id)).toEqual([]);
    expect(arabic.notes.filter((n) => n.target === paddedEvent?.id).map((n) => [n.type, n.text])).toEqual([
      ['AnnotatorNotes', '  padded, "quoted"  '],
      ['Attributes', '{"location":"Tab\\there","category":"x, y"}'],
    ]);
  });

  it('is read back by the brat importer with every span, note and attribute as it was', async () => {
    const { corpus, read } = await exported();
    for (const article of corpus.articles) {
      const outcome = parseBratPair(`${article.id}.txt`, Buffer.from(read(`${article.id}.txt`)), Buffer.from(read(`${article.id}.ann`)));
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.problems).toEqual([]);
      const draft = outcome.drafts[0];
      expect(draft?.text).toBe(article.text);
      const live = corpus.annotations.filter((a) => a.articleId === article.id && a.status === 'ok');
      const shape = (s: { label: string; start: number; end: number; note?: string; attrs?: Record<string, unknown> }) => {
        const { claimantId: _link, ...attrs } = s.attrs ?? {};
        return [s.label, s.start, s.end, s.note ?? '', attrs, typeof _link === 'string'];
      };
      const key = (x: unknown[]) => JSON.stringify(x);
      expect((draft?.spans ?? []).map(shape).map(key).sort()).toEqual(live.map(shape).map(key).sort());
    }
  });

  it('writes the label colours into visual.conf', async () => {
    const { read } = await exported();
    const drawing = readConf(read('visual.conf')).drawing ?? [];
    expect(drawing).toEqual(expect.arrayContaining(LABELS.map((l) => `${l.toUpperCase()}\tbgColor:${LABEL_COLOURS[l]}`)));
  });

  it('uses the colours the app draws labels in (styles.css declares them for the renderer)', () => {
    const css = readFileSync(new URL('../../../renderer/src/styles.css', import.meta.url), 'utf8');
    for (const label of LABELS) {
      const declared = new RegExp(`--${label}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(css)?.[1];
      expect(declared?.toLowerCase(), label).toBe(LABEL_COLOURS[label]);
    }
  });
});
