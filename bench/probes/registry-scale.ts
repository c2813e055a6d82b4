/**
 * The registry suite (bench/suites/registry.ts) at a size of one's choosing, to profile a change
 * without building the full ladder: type-ahead and library-wide suggestions with their baselines.
 *
 * usage: npx tsx bench/probes/registry-scale.ts [--entities 10000] [--articles 10000] [--samples 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeConfig } from '../lib/config';
import { registryRun } from '../suites/registry';

const { values } = parseArgs({
  options: { entities: { type: 'string', default: '10000' }, articles: { type: 'string', default: '10000' }, samples: { type: 'string', default: '2000' } },
});
const work = mkdtempSync(join(tmpdir(), 'spanwise-registry-probe-'));
try {
  await registryRun(makeConfig({ quick: false, work, profile: false, rendererDir: null }), {
    entities: Number(values.entities),
    articles: Number(values.articles),
    samples: Number(values.samples),
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
