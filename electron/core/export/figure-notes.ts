import { conservativeValue, figureText } from '../../../shared/disagreements';
import type { Disagreement, DisagreementValue } from '../../../shared/ipc/figures';

/**
 * Disagreements as the dataset formats write them (ACLED's notes, PLOVER's comment): which
 * figures disagree, where each was reported, which the app read without the analyst confirming,
 * and what the analyst decided, or, unresolved, the most conservative value, as ACLED codes it.
 */

function reported(v: DisagreementValue): string {
  const where = [v.source ?? v.articleTitle, v.publishedAt].filter(Boolean).join(', ');
  return `${figureText(v)} (${where}${v.auto ? '; read by Spanwise, not confirmed' : ''})`;
}

function decision(d: Disagreement): string {
  const r = d.resolution;
  const note = r?.note ? ` (${r.note.replace(/\s+/g, ' ').trim()})` : '';
  if (!r) return `unresolved; the most conservative, ${conservativeValue(d.values) ?? '?'}, is coded`;
  if (r.decision === 'value') return `resolved by the analyst: ${r.value}${note}`;
  if (r.decision === 'range') return `resolved by the analyst: ${r.min}–${r.max}${note}`;
  return `the analyst judged them not the same count${note}`;
}

/** One sentence per disagreement. */
export function figureNotes(disagreements: readonly Disagreement[]): string[] {
  return disagreements.map((d) => `Reports ${d.kind === 'conflict' ? 'conflict' : 'vary'} on ${d.counts}${d.unit ? ` ${d.unit}` : ''}: ${d.values.map(reported).join(', ')}; ${decision(d)}.`);
}

/**
 * The value the analyst accepted for a disagreement about deaths (a range's lower bound, the
 * conservative end), the incident's own before an article's; null when none is resolved so.
 */
export function disputedFatalities(disagreements: readonly Disagreement[], countsDeaths: (counts: string) => boolean): number | null {
  const ordered = [...disagreements].sort((a, b) => Number(a.scope !== 'incident') - Number(b.scope !== 'incident'));
  for (const d of ordered) {
    if (!countsDeaths(d.counts) || !d.resolution) continue;
    if (d.resolution.decision === 'value' && d.resolution.value !== null) return d.resolution.value;
    if (d.resolution.decision === 'range' && d.resolution.min !== null) return d.resolution.min;
  }
  return null;
}
