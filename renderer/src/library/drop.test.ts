import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../shared/formats';
import { PART_BYTES, PART_FILES, parts, planDrop } from './drop';

describe('planDrop', () => {
  it('sends article files, pairs a .txt with its .ann, and sets the rest aside by path with the reason', () => {
    const files = [
      { path: 'reports/doc.txt', size: 30 },
      { path: 'reports/doc.ann', size: 20 },
      { path: 'reports/photo.png', size: 900 },
      { path: 'reports/annotation.conf', size: 10 },
      { path: 'reports/orphan.ann', size: 5 },
      { path: 'reports/.DS_Store', size: 5 },
      { path: 'reports/.git/config', size: 5 },
      { path: 'reports/page.html', size: 2000 },
      { path: 'other/doc.ann', size: 5 },
    ];
    const plan = planDrop(files);
    expect(plan.send).toEqual([{ index: 0, ann: 1 }, { index: 7 }]);
    expect(plan.setAside).toEqual([
      { file: 'reports/photo.png', status: 'skipped', message: expect.stringMatching(/^not an article file \(\.png\); Spanwise reads \.txt/) },
      { file: 'reports/annotation.conf', status: 'skipped', message: 'brat configuration, not an article' },
      { file: 'reports/orphan.ann', status: 'skipped', message: 'brat annotations without the .txt of the same name beside them' },
      { file: 'reports/.DS_Store', status: 'skipped', message: 'hidden file' },
      { file: 'reports/.git/config', status: 'skipped', message: 'hidden file' },
      // Beside no .txt of its folder: another folder's doc.txt is not its text.
      { file: 'other/doc.ann', status: 'skipped', message: 'brat annotations without the .txt of the same name beside them' },
    ]);
  });

  it('sends a bundle to be merged, not set aside as no article file; a hidden or outsized one is', () => {
    const plan = planDrop([
      { path: 'for-colleague.spanwise', size: 4000 },
      { path: 'old/.backup.spanwise', size: 4000 },
      { path: 'huge.spanwise', size: MAX_FILE_BYTES + 1 },
    ]);
    expect(plan.send).toEqual([{ index: 0 }]);
    expect(plan.setAside.map((o) => [o.file, o.status, o.message])).toEqual([
      ['old/.backup.spanwise', 'skipped', 'hidden file'],
      ['huge.spanwise', 'failed', expect.stringMatching(/for a dropped file; use the Import button for a larger bundle/)],
    ]);
  });

  it('refuses a file over the limit before reading it, naming it and the limit', () => {
    const plan = planDrop([
      { path: 'big.txt', size: MAX_FILE_BYTES + 1 },
      { path: 'export.jsonl', size: MAX_FILE_BYTES * 3 },
      { path: 'small.txt', size: 10 },
    ]);
    expect(plan.send).toEqual([{ index: 2 }]);
    expect(plan.setAside.map((o) => [o.file, o.status, o.message])).toEqual([
      ['big.txt', 'failed', 'too large: 52,428,801 bytes (50.0 MB); the limit is 50 MB for a dropped file'],
      ['export.jsonl', 'failed', expect.stringMatching(/the limit is 50 MB for a dropped file; use the Import button for a larger JSONL file/)],
    ]);
  });
});

describe('parts', () => {
  it('bounds each part by bytes and by files, a large file going alone', () => {
    const files = [
      { path: 'a.txt', size: PART_BYTES - 10 },
      { path: 'b.txt', size: 20 },
      { path: 'c.txt', size: PART_BYTES + 5 },
      ...Array.from({ length: PART_FILES + 3 }, (_, i) => ({ path: `n${i}.txt`, size: 1 })),
    ];
    const sizes = parts(planDrop(files), files).map((p) => p.length);
    expect(sizes).toEqual([1, 1, 1, PART_FILES, 3]);
  });

  it('sends 20,000 small files in parts, none over the per-call limit', () => {
    const files = Array.from({ length: 20_000 }, (_, i) => ({ path: `f${i}.txt`, size: 1000 }));
    const all = parts(planDrop(files), files);
    expect(all.flat()).toHaveLength(20_000);
    expect(Math.max(...all.map((p) => p.length))).toBeLessThanOrEqual(PART_FILES);
  });
});
