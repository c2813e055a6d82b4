import { codebookProblem, type Codebook } from '../../../shared/codebook';
import type { Role } from '../../../shared/ipc/events';
import type { SpanDraft } from '../../../shared/model';
import { readCodebook } from '../store/codebook';
import { getAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { assignIncident, ensureIncident } from '../store/incidents';
import { insertRoles, outgoingLinks } from '../store/roles';
import { roleProblem } from './events';

/**
 * The roles and incidents a dataset gives its spans (JSONL `roles`, `incident_id`), stored as an
 * import writes a record, inside its transaction. The rules are the app's (services/events.ts): a
 * role points to a span of the event's own article with the label its role takes, and leads back
 * to nothing; an event's type is in the library's codebook. What breaks them is left out and
 * named; the rest of the record imports.
 */
export class ImportedEventLinks {
  private codebook: Codebook | null = null;

  constructor(private readonly db: Db) {}

  /** Why an event span cannot be stored as its type says, or null. */
  typeProblem(span: SpanDraft, attrs: SpanDraft['attrs']): string | null {
    if (span.label !== 'event') return null;
    this.codebook ??= readCodebook(this.db);
    return codebookProblem(this.codebook, attrs?.type, attrs?.subType);
  }

  /** A claim's claimant given as a role rather than as its claimant_id attribute. */
  static claimantOf(span: SpanDraft): string | undefined {
    return span.label === 'claim' ? span.roles?.find((r) => r.role === 'claimant')?.spanId : undefined;
  }

  /**
   * Stores the roles and incidents of a record's spans once they are all in. `idOf` maps the
   * dataset's span ids to the ids they got here; `problem` names what is left out.
   */
  store(articleId: string, stored: readonly { span: SpanDraft; id: string; name: string }[], idOf: ReadonlyMap<string, string>, problem: (name: string, message: string) => void): void {
    for (const { span, id, name } of stored) {
      if (span.label !== 'event') continue;
      const kept: Role[] = [];
      for (const r of span.roles ?? []) {
        const spanId = idOf.get(r.spanId);
        if (spanId === undefined) {
          problem(name, `role ${r.role}: span ${r.spanId} was left out, so is the role`);
          continue;
        }
        const role = { role: r.role, spanId } as Role;
        const why = roleProblem(
          { id, articleId },
          [role],
          (x) => getAnnotation(this.db, x),
          (x) => (x === id ? [...kept.map((k) => k.spanId), spanId] : outgoingLinks(this.db, x)),
        );
        if (why) problem(name, `${why}; left out`);
        else if (!kept.some((k) => k.role === role.role && k.spanId === role.spanId)) kept.push(role);
      }
      if (kept.length > 0) insertRoles(this.db, id, articleId, kept);
      if (span.incidentId !== undefined) {
        ensureIncident(this.db, span.incidentId);
        assignIncident(this.db, id, articleId, span.incidentId);
      }
    }
  }
}
