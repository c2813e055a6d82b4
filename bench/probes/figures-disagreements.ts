/**
 * The figures suite (bench/suites/figures.ts) at a size of one's choosing. `--db FILE` keeps the
 * library it builds (and reuses it when it is there), so a change can be measured again at a
 * million figures without the build's minutes.
 *
 * usage: npx tsx bench/probes/figures-disagreements.ts [--articles 100000] [--figures 10] [--samples 50] [--db FILE]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeConfig } from '../lib/config';
import { figuresRun } from '../suites/figures';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '100000' }, figures: { type: 'string', default: '10' }, samples: { type: 'string', default: '50' }, db: { type: 'string' } },
});
const work = mkdtempSync(join(tmpdir(), 'spanwise-figures-probe-'));
try {
  await figuresRun(makeConfig({ quick: false, work, profile: false, rendererDir: null }), {
    articles: Number(values.articles),
    perArticle: Number(values.figures),
    samples: Number(values.samples),
    ...(values.db ? { db: values.db } : {}),
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
