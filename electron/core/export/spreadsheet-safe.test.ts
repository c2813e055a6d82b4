import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/db';
import { useTmpDir } from '../testing/tmp';
import { exportCorpus } from './index';
import { buildAwkward } from './test-support/awkward';
import { readCsv } from './test-support/readers';

/** What spreadsheet tools run as a formula (OWASP's list for CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

describe('CSV --spreadsheet-safe', () => {
  const tmp = useTmpDir();

  function library() {
    const dir = tmp();
    const file = join(dir, 'x.db');
    const db = openStore(file);
    buildAwkward(db);
    return { dir, db, file };
  }

  it('prefixes every cell a spreadsheet would run as a formula with an apostrophe, and says how many', async () => {
    const { dir, db } = library();
    const plain = join(dir, 'plain.csv');
    const safe = join(dir, 'safe.csv');
    const asIs = await exportCorpus(db, { format: 'csv', out: plain });
    const result = await exportCorpus(db, { format: 'csv', out: safe, spreadsheetSafe: true });
    const before = readCsv(readFileSync(plain));
    const after = readCsv(readFileSync(safe));
    expect(asIs.notes).toEqual([]);
    expect(after).toHaveLength(before.length);
    let prefixed = 0;
    before.forEach((row, r) => {
      for (const [column, value] of Object.entries(row)) {
        const written = after[r]?.[column];
        if (FORMULA.test(value)) {
          expect(written, `${column}: ${value}`).toBe(`'${value}`);
          prefixed++;
        } else {
          expect(written).toBe(value);
        }
      }
    });
    for (const row of after) for (const value of Object.values(row)) expect(value).not.toMatch(FORMULA);
    // The title "=HYPERLINK..." (3 rows), "=SUM..." quotes (3), "@handle" quotes and names (6), "-5..." and "+ handle" notes (6).
    expect(prefixed).toBe(18);
    expect(result.notes).toEqual([expect.stringContaining(`spreadsheet-safe: ${prefixed} cells starting with =, +, -, @, a tab or a CR prefixed`)]);
  });

  it('is refused for formats other than CSV', async () => {
    const { dir, db } = library();
    await expect(exportCorpus(db, { format: 'jsonl', out: join(dir, 'x.jsonl'), spreadsheetSafe: true })).rejects.toThrow(/CSV only/);
  });
});
