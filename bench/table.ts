/**
 * tsx bench/table.ts FIGURES.jsonl
 *
 * Prints the figures a bench run wrote with `--out` as Markdown tables, one per suite, for
 * BENCHMARKS.md: the tables are generated from the run, the prose around them is written by hand.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './lib/report';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/table.ts FIGURES.jsonl\n');
  process.exit(2);
}

const figures = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    try {
      return JSON.parse(line) as Figure;
    } catch {
      throw new Error(`${file}:${i + 1}: not a JSON figure line`);
    }
  });

const size = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
    .join(', ');
const verdict = (f: Figure) => (f.met === undefined ? '' : f.met ? `met (${f.target})` : `**missed** (${f.target})`);

for (const suite of ['import', 'search', 'editor', 'export', 'actors'] as const) {
  const rows = figures.filter((f) => f.suite === suite);
  if (rows.length === 0) continue;
  process.stdout.write(`\n### ${suite}\n\n| figure | scale | size | value | baseline | ratio | target |\n|---|---|---|---:|---:|---:|---|\n`);
  for (const f of rows) {
    process.stdout.write(`| ${f.figure} | ${f.scale} | ${size(f.size)} | ${f.value} ${f.unit} | ${f.baseline} ${f.unit} | ${f.ratio} | ${verdict(f)} |\n`);
  }
  const baselines = [...new Set(rows.map((f) => f.baselineIs.replace(/, p(50|95)$/, '')))];
  process.stdout.write(`\nBaselines: ${baselines.join('; ')}.\n`);
}
