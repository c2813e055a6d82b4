import { describe, expect, it } from 'vitest';
import { skipReason } from './formats';

const noText = () => false;

describe('skipReason', () => {
  it('passes article files of every format, whatever the case of the extension', () => {
    for (const name of ['a.txt', 'b.TEXT', 'c.md', 'd.markdown', 'e.HTML', 'f.htm', 'g.json', 'h.jsonl', 'i.ndjson', 'reports/2024/j.txt']) {
      expect(skipReason(name, noText)).toBeNull();
    }
  });

  it('skips hidden files and files in hidden folders, on either separator', () => {
    expect(skipReason('.DS_Store', noText)).toBe('hidden file');
    expect(skipReason('reports/.git/notes.txt', noText)).toBe('hidden file');
    expect(skipReason('reports\\.cache\\notes.txt', noText)).toBe('hidden file');
    // "." and ".." are no hidden folders.
    expect(skipReason('./notes.txt', noText)).toBeNull();
    expect(skipReason('../notes.txt', noText)).toBeNull();
  });

  it("skips brat's configuration, in any case", () => {
    for (const name of ['annotation.conf', 'corpus/VISUAL.conf', 'tools.conf', 'kb_shortcuts.conf']) {
      expect(skipReason(name, noText)).toBe('brat configuration, not an article');
    }
  });

  it('lets a .ann go with the .txt of the same stem, and skips one without', () => {
    const asked: string[] = [];
    const hasText = (stem: string) => (asked.push(stem), stem === 'corpus/doc1');
    expect(skipReason('corpus/doc1.ann', hasText)).toBe('');
    expect(skipReason('corpus/doc2.ANN', hasText)).toBe('brat annotations without the .txt of the same name beside them');
    expect(asked).toEqual(['corpus/doc1', 'corpus/doc2']);
  });

  it('names the extension of anything else, and the formats it reads', () => {
    expect(skipReason('photo.png', noText)).toBe('not an article file (.png); Spanwise reads .txt, .text, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson, .qdpx');
    expect(skipReason('README', noText)).toMatch(/^not an article file \(no extension\); /);
  });
});
