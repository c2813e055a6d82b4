import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildCorpus } from './test-support/corpus';
import { cpLength, cpOf, cpSlice } from './test-support/readers';

interface Body {
  type: string;
  purpose: string;
  value: string;
}
interface Selector {
  type: string;
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}
interface W3cAnnotation {
  id: string;
  type: string;
  motivation: string;
  creator?: { name: string };
  created: string;
  modified: string;
  body: Body[];
  target: { source: string; scope?: string; selector: Selector[] };
}

describe('W3C Web Annotation export', () => {
  const tmp = useTmpDir();

  async function exported() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    const corpus = buildCorpus(db);
    const out = join(dir, 'annotations.jsonld');
    await exportCorpus(db, { format: 'w3c', out });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      '@context': string;
      type: string;
      total: number;
      first: { type: string; items: W3cAnnotation[] };
    };
    return { corpus, doc };
  }

  it('is one JSON-LD AnnotationCollection holding one Annotation per span', async () => {
    const { corpus, doc } = await exported();
    const live = corpus.annotations.filter((a) => a.status === 'ok');
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.type).toBe('AnnotationPage');
    const tagging = doc.first.items.filter((i) => i.motivation === 'tagging');
    expect(tagging.map((i) => i.id).sort()).toEqual(live.map((a) => `urn:spanwise:annotation:${a.id}`).sort());
    // The one linked claimant is one more annotation, linking the claim to its actor.
    expect(doc.first.items.filter((i) => i.motivation === 'linking')).toHaveLength(1);
    expect(doc.total).toBe(live.length + 1);
  });

  it('tags with the label, comments with the note and selects by code point position and quote', async () => {
    const { corpus, doc } = await exported();
    for (const item of doc.first.items.filter((i) => i.motivation === 'tagging')) {
      const source = corpus.annotations.find((a) => `urn:spanwise:annotation:${a.id}` === item.id);
      const article = corpus.articles.find((a) => a.id === source?.articleId);
      if (!source || !article) throw new Error(`unknown annotation ${item.id}`);
      expect(item).toMatchObject({ type: 'Annotation', motivation: 'tagging', created: source.createdAt, modified: source.updatedAt });
      expect(item.creator?.name).toBe(source.author);
      expect(item.body.filter((b) => b.purpose === 'tagging')).toEqual([expect.objectContaining({ type: 'TextualBody', value: source.label.toUpperCase() })]);
      expect(item.body.filter((b) => b.purpose === 'commenting').map((b) => b.value)).toEqual(source.note ? [source.note] : []);
      expect(item.target.source).toBe(`urn:spanwise:article:${article.id}`);
      expect(item.target.scope).toBe(article.url ?? undefined);

      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector');
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
      const start = position?.start ?? -1;
      const end = position?.end ?? -1;
      expect(start).toBe(cpOf(article.text, source.start));
      expect(cpSlice(article.text, start, end)).toBe(source.quote);
      expect(quote?.exact).toBe(source.quote);
      expect(quote?.prefix).toBe(cpSlice(article.text, start - 32, start));
      expect(quote?.suffix).toBe(cpSlice(article.text, end, Math.min(end + 32, cpLength(article.text))));
    }
  });

  it('describes every attribute in a body of its own', async () => {
    const { corpus, doc } = await exported();
    const claim = corpus.byQuote("Ukraine's air force said it shot down 80 drones overnight");
    const item = doc.first.items.find((i) => i.id === `urn:spanwise:annotation:${claim.id}`);
    expect(item?.body.filter((b) => b.purpose === 'describing').map((b) => b.value)).toEqual([
      "claim_claimant: Ukraine's air force",
      'claim_claimant_id: kyiv-s1',
      'claim_status: disputed',
    ]);
  });
});
