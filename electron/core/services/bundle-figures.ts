import type { BundleArticle } from '../export/bundle';
import { annotationExists } from '../store/annotations';
import type { Db } from '../store/db';
import { disagreementId } from '../store/disagreement-refresh';
import { getResolution, putResolution } from '../store/figure-resolutions';
import { getIncident } from '../store/incidents';

/** What merging a bundle's resolutions did (part of the bundle's import report). */
export interface ResolutionsReport {
  added: number;
  unchanged: number;
  /** Resolved otherwise here: this library's resolution is kept. */
  conflicts: { id: string; scope: 'article' | 'incident'; scopeId: string; counts: string; unit: string }[];
  /** About an incident none of whose events came in here. */
  leftOut: number;
}

export const emptyResolutionsReport = (): ResolutionsReport => ({ added: 0, unchanged: 0, conflicts: [], leftOut: 0 });

/**
 * Merges an article line's resolutions once its annotations, roles and incidents are merged
 * (inside the bundle's transaction). An article's resolution goes to the article the line became
 * here; an incident's to that incident, when it is here. A disagreement resolved here already
 * keeps this library's decision when the two differ, and the difference is reported. The figures
 * the analyst looked at are named by their ids here (those of other articles as they came, when
 * they are here).
 */
export function mergeResolutions(db: Db, incoming: BundleArticle, localArticleId: string, localId: (incomingId: string) => string | null, report: ResolutionsReport): void {
  const incidents = new Set(incoming.incidents.map((m) => m.incident_id));
  for (const r of incoming.resolutions) {
    const scopeId = r.scope === 'article' ? localArticleId : (r.incident_id as string);
    if (r.scope === 'incident' && (!incidents.has(scopeId) || getIncident(db, scopeId) === null)) {
      report.leftOut++;
      continue;
    }
    const id = disagreementId(r.scope, scopeId, r.counts, r.unit);
    const resolution = { decision: r.decision, value: r.value, min: r.min, max: r.max, note: r.note, author: r.author, createdAt: r.created_at, updatedAt: r.updated_at };
    const here = getResolution(db, id);
    if (here) {
      const same = here.decision === r.decision && here.value === r.value && here.min === r.min && here.max === r.max && here.note === r.note;
      if (same) report.unchanged++;
      // An incident's resolution comes on each of its articles' lines: reported once.
      else if (!report.conflicts.some((c) => c.id === id)) report.conflicts.push({ id, scope: r.scope, scopeId, counts: r.counts, unit: r.unit });
      continue;
    }
    const spanIds = r.span_ids.flatMap((s) => {
      const local = localId(s) ?? (annotationExists(db, s) ? s : null);
      return local ? [local] : [];
    });
    putResolution(db, { id, scope: r.scope, scopeId, counts: r.counts, unit: r.unit, spanIds }, resolution);
    report.added++;
  }
}
