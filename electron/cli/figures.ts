import { figureText } from '../../shared/disagreements';
import type { Disagreement } from '../../shared/ipc/figures';
import type { Db } from '../core/store/db';
import { allDisagreements } from '../core/store/disagreements';
import { EXIT, UsageError, type Output } from './output';

/** The line `spanwise figures --disagreements --json` prints per disagreement (DESIGN.md). */
export function disagreementLine(d: Disagreement) {
  return {
    type: 'disagreement',
    id: d.id,
    kind: d.kind,
    scope: d.scope,
    scope_id: d.scopeId,
    counts: d.counts,
    unit: d.unit,
    values: d.values.map((v) => ({
      value: v.value,
      qualifier: v.qualifier,
      span_id: v.spanId,
      article_id: v.articleId,
      quote: v.quote,
      source: v.source,
      published_at: v.publishedAt,
      min: v.min,
      max: v.max,
      auto: v.auto,
    })),
    resolution: d.resolution && {
      decision: d.resolution.decision,
      value: d.resolution.value,
      min: d.resolution.min,
      max: d.resolution.max,
      note: d.resolution.note,
      author: d.resolution.author,
      updated_at: d.resolution.updatedAt,
    },
  };
}

function resolutionText(d: Disagreement): string {
  const r = d.resolution;
  if (!r) return 'unresolved';
  const what = r.decision === 'value' ? `accepted ${r.value}` : r.decision === 'range' ? `accepted ${r.min}–${r.max}` : 'not the same count';
  return `resolved: ${what}${r.note ? ` (${r.note})` : ''}`;
}

function disagreementText(d: Disagreement): string {
  const head = `${d.kind.toUpperCase()}  ${d.counts}${d.unit ? ` ${d.unit}` : ''}  in ${d.scope} ${d.scopeId}  ${resolutionText(d)}`;
  const lines = d.values.map((v) => `    ${figureText(v).padEnd(14)} "${v.quote.replace(/\s+/g, ' ')}"  (${[v.source, v.publishedAt].filter(Boolean).join(', ') || v.articleTitle})${v.auto ? '  [read by Spanwise, not confirmed]' : ''}`);
  return [head, ...lines].join('\n');
}

/** `spanwise figures --db FILE --disagreements [--json]`: figures of one count that disagree, within an article or an incident. */
export async function figuresCommand(db: Db, rest: string[], out: Output, flags: { disagreements?: boolean }): Promise<number> {
  if (rest.length > 0) throw new UsageError(`figures takes no positional arguments (got "${rest[0]}")`);
  if (!flags.disagreements) throw new UsageError('figures needs --disagreements (the only listing it has)');
  const counts = { conflict: 0, variance: 0, resolved: 0 };
  for (const page of allDisagreements(db)) {
    for (const d of page) {
      out.result(disagreementLine(d), disagreementText(d));
      counts[d.kind]++;
      if (d.resolution) counts.resolved++;
    }
  }
  out.result(
    { type: 'summary', disagreements: counts.conflict + counts.variance, conflicts: counts.conflict, variances: counts.variance, resolved: counts.resolved },
    `${counts.conflict + counts.variance} disagreement(s): ${counts.conflict} conflict(s), ${counts.variance} variance(s), ${counts.resolved} resolved`,
  );
  return EXIT.ok;
}
