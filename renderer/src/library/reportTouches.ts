import type { ImportReport } from '../../../shared/ipc/contract';

/**
 * Whether an import may have changed the article `id`: it names the article, or it changed the
 * library without naming what it changed (a merged bundle reports no article ids). An import that
 * only added other articles, found duplicates or failed leaves the open article, and its undo
 * history, alone.
 */
export function reportTouches(report: ImportReport, id: string): boolean {
  // A duplicate names the article it matched, which it leaves as it was.
  return report.outcomes.some(
    (o) => (o.status === 'imported' || o.status === 'partial') && (o.articleIds.length === 0 || o.articleIds.includes(id)),
  );
}
