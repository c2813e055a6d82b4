import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { exportCorpus } from '../export';
import { getAnnotation } from '../store/annotations';
import { openStore } from '../store/db';
import { importText, ok } from '../testing/backend';
import { libraryProblems } from '../testing/library-check';
import { quietPlatform } from '../testing/platform';
import { useTmpDir } from '../testing/tmp';
import { startBackend, type Backend } from './app';
import { importBundle } from './bundle';
import { importBatch, textSource } from './importer';

/** A claim's claimant is an actor annotation, whichever path writes the link or the label at its other end. */

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

const TEXT = 'Officials in Kyiv said 80 drones were shot down overnight, the air force added.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function library() {
  const b = (backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester')));
  const articleId = await importText(b, TEXT);
  const [actor, figure, claim] = await ok<Annotation[]>(b, 'annotations/createMany', {
    articleId,
    items: [
      { label: 'actor', ...at('Officials in Kyiv'), attrs: { kind: 'state' } },
      { label: 'figure', ...at('80 drones'), attrs: { value: 80 } },
      { label: 'claim', ...at('80 drones were shot down') },
    ],
  });
  const linked = await ok<Annotation>(b, 'annotations/update', { id: claim!.id, attrs: { claimantId: actor!.id } });
  return { b, articleId, actor: actor as Annotation, figure: figure as Annotation, claim: linked };
}

const refused = (reason: RegExp) => ({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(reason) } });

describe("a claim's claimant", () => {
  it('through the contract: a restored claim naming a figure, a retag of its actor, an actor brought back as something else are refused with the reason', async () => {
    const { b, actor, figure, claim } = await library();
    // An undo given a claim that names the figure.
    await ok(b, 'annotations/delete', { ids: [claim.id] });
    expect(await b.dispatch('annotations/restore', { annotations: [{ ...claim, attrs: { claimantId: figure.id } }] })).toMatchObject(refused(/claimant .* is a figure annotation; a claimant is an actor annotation/));
    await ok(b, 'annotations/restore', { annotations: [claim] });

    // The other end: the actor the claim names cannot become an event.
    expect(await b.dispatch('annotations/update', { id: actor.id, label: 'event' })).toMatchObject(refused(/is the claimant of claim .*stays an actor annotation \(not an event\): unlink it from the claim first/));
    expect(getAnnotation(b.db, actor.id)?.label).toBe('actor');

    // Deleted, its link stays for an undo; it cannot come back as a figure under the same id.
    const [gone] = await ok<Annotation[]>(b, 'annotations/delete', { ids: [actor.id] });
    expect(await b.dispatch('annotations/restore', { annotations: [{ ...gone, label: 'figure', attrs: {} }] })).toMatchObject(refused(/is the claimant of claim/));
    expect(await b.dispatch('annotations/create', { articleId: claim.articleId, id: actor.id, label: 'figure', ...at('overnight') })).toMatchObject(refused(/is the claimant of claim/));
    await ok(b, 'annotations/restore', { annotations: [gone] });

    // Once unlinked, the actor may be retagged.
    await ok(b, 'annotations/update', { id: claim.id, attrs: {} });
    await ok(b, 'annotations/update', { id: actor.id, label: 'event' });
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });

  it('in a JSONL dataset: a link to a span that is no actor is left out with the reason, and the claim imports', async () => {
    const { b } = await library();
    const record = {
      id: 'r1',
      title: 'Dataset article',
      text: 'Officials in Lviv said 12 drones fell.',
      spans: [
        { id: 'f1', start: 23, end: 32, label: 'FIGURE', text: '12 drones' },
        { id: 'c1', start: 0, end: 37, label: 'CLAIM', text: 'Officials in Lviv said 12 drones fell', attrs: { claimant_id: 'f1' } },
      ],
    };
    const report = await importBatch(b.db, [textSource('data.jsonl', `${JSON.stringify(record)}\n`)]);
    expect(report.outcomes[0]).toMatchObject({ status: 'partial', message: expect.stringMatching(/span c1: its claimant f1 is a span labelled figure, not an actor; link left out/) });
    expect(getAnnotation(b.db, 'c1')).toMatchObject({ label: 'claim', attrs: {} });
    expect(await libraryProblems(b.db, tmp())).toEqual([]);
  });

  it('in a bundle: a claim naming a figure, or its actor retagged, is refused whole with the reason', async () => {
    const { b, actor, figure } = await library();
    const out = join(tmp(), 'a.spanwise');
    await exportCorpus(b.db, { format: 'bundle', out });
    const text = gunzipSync(readFileSync(out)).toString('utf8');
    expect(text).toContain(`"claimantId":"${actor.id}"`);
    const fresh = openStore(join(tmp(), 'fresh.db'));
    try {
      writeFileSync(out, gzipSync(text.replace(`"claimantId":"${actor.id}"`, `"claimantId":"${figure.id}"`)));
      await expect(importBundle(fresh, out)).rejects.toThrow(/claimant .* is a figure annotation; a claimant is an actor annotation/);
      const retagged = text.replace(new RegExp(`("id":"${actor.id}","label":)"ACTOR"`), '$1"EVENT"');
      expect(retagged).not.toBe(text);
      writeFileSync(out, gzipSync(retagged.replace('"attrs":{"kind":"state"}', '"attrs":{}')));
      await expect(importBundle(fresh, out)).rejects.toThrow(/claimant/);
      expect(fresh.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(0);
    } finally {
      fresh.close();
    }
  });
});
