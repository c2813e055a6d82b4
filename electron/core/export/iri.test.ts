import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { asIri, iriSegment } from './iri';
import { AWKWARD_URLS, buildAwkward } from './test-support/awkward';
import { buildCorpus } from './test-support/corpus';
import { isIri } from './test-support/rfc3987';

const ANNO_CONTEXT = JSON.parse(readFileSync(new URL('./test-support/anno-context.json', import.meta.url), 'utf8')) as object;

/** Resolves only the Web Annotation context, from the published copy in the fixtures: tests never reach the network. */
const documentLoader = (url: string) => {
  if (url.replace(/^https:/, 'http:') !== 'http://www.w3.org/ns/anno.jsonld') throw new Error(`unexpected context ${url}`);
  return Promise.resolve({ contextUrl: undefined, documentUrl: url, document: ANNO_CONTEXT });
};

describe('IRIs from ids and URLs', () => {
  it('percent-encodes any id into an IRI segment', () => {
    for (const id of ['Kyiv report 1', 'звіт/2', 'a"b<c>', '#?%', 'a\u2028b', '\ud800lone', '']) {
      expect(isIri(`urn:spanwise:article:${iriSegment(id)}`), id).toBe(true);
    }
    expect(iriSegment('abc-1_2.3~')).toBe('abc-1_2.3~');
    expect(decodeURIComponent(iriSegment('звіт/2 x'))).toBe('звіт/2 x');
    // The checker is not a rubber stamp.
    for (const bad of ['urn:spanwise:article:Kyiv report', 'https://example.org/"q"', 'no-scheme', 'http://a/%zz', 'http://a/b#c#d']) expect(isIri(bad), bad).toBe(false);
  });

  it('makes a URL a valid IRI where a browser would open it, and refuses one with no scheme', () => {
    const quoted = asIri(AWKWARD_URLS.quoted);
    expect(quoted).toBe('https://example.org/news/a%20%22quoted%22%20title?x=%3C1%3E&y=%7B2%7D%7C3%5E4#frag%23more');
    const unicode = asIri(AWKWARD_URLS.unicode);
    expect(unicode).not.toBeNull();
    expect(isIri(unicode ?? '')).toBe(true);
    expect(asIri(AWKWARD_URLS.none)).toBeNull();
    expect(asIri('http://[::1]:8080/a|b')).toBe('http://[::1]:8080/a%7Cb');
    expect(asIri('https://example.org/ok')).toBe('https://example.org/ok');
  });
});

describe('W3C export read by a JSON-LD processor and an RDF parser', () => {
  const tmp = useTmpDir();

  async function exported() {
    const dir = tmp();
    const db = openStore(join(dir, 'x.db'));
    buildCorpus(db);
    const awkward = buildAwkward(db);
    const out = join(dir, 'annotations.jsonld');
    const result = await exportCorpus(db, { format: 'w3c', out });
    return { result, awkward, doc: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> };
  }

  it('writes every id, source and scope as an RFC 3987 IRI, and keeps a URL that cannot be one as text, saying so', async () => {
    const { doc, result, awkward } = await exported();
    const all = (doc.first as { items: { id: string; motivation: string; body: { value: string }[]; target: { source: string; scope?: string } }[] }).items;
    const items = all.filter((i) => i.motivation === 'tagging');
    expect(items).toHaveLength(result.spans);
    for (const link of all.filter((i) => i.motivation === 'linking')) expect(isIri(link.id), link.id).toBe(true);
    for (const item of items) {
      for (const iri of [item.id, item.target.source, ...(item.target.scope ? [item.target.scope] : [])]) expect(isIri(iri), iri).toBe(true);
    }
    const ids = items.map((i) => decodeURIComponent(i.id.replace('urn:spanwise:annotation:', '')));
    expect(ids).toEqual(expect.arrayContaining(awkward.annotationIds));
    const noScheme = items.filter((i) => i.body.some((b) => b.value === `source_url: ${AWKWARD_URLS.none}`));
    expect(noScheme).toHaveLength(3);
    for (const item of noScheme) expect(item.target.scope).toBeUndefined();
    expect(result.notes).toEqual([expect.stringContaining('1 article (a"b<c>) is not a valid IRI')]);
  });

  it('expands with jsonld.js in safe mode and converts to N-Quads that an RDF parser reads, one oa:Annotation per span', async () => {
    const { doc, result } = await exported();
    // Safe mode throws on anything it would drop: an invalid IRI, an unknown term.
    const expanded = await jsonld.expand(doc, { documentLoader, safe: true } as jsonld.Options.Expand);
    expect(expanded).toHaveLength(1);
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
    const quads: Quad[] = new Parser({ format: 'N-Quads' }).parse(nquads);
    const annotations = quads.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === 'http://www.w3.org/ns/oa#Annotation');
    const linking = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/oa#motivatedBy' && q.object.value === 'http://www.w3.org/ns/oa#linking');
    expect(annotations).toHaveLength(result.spans + linking.length);
    const scopes = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/oa#hasScope').map((q) => q.object.value);
    expect(scopes).toContain('https://example.org/news/a%20%22quoted%22%20title?x=%3C1%3E&y=%7B2%7D%7C3%5E4#frag%23more');
  });
});
