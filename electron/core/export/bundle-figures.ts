import { z } from 'zod';
import { DisagreementScope, ResolutionDecision, resolutionProblem } from '../../../shared/ipc/figures';
import { Id } from '../../../shared/model';
import type { ExportItem } from '../store/export';

/*
 * The analyst's resolutions of disagreements travel on the article lines of a bundle: a line
 * carries its article's own and those of the incidents its events belong to, an optional field
 * like the roles (bundles written before it still read; older versions of Spanwise ignore it).
 * A resolution names its disagreement by what it is about (scope, counts, unit, the figures the
 * analyst looked at), not by id: an article may have another id in the library it goes to, and
 * the id is made from the article's.
 */

export const BundleResolution = z
  .object({
    scope: DisagreementScope,
    /** The incident, for an incident's disagreement; it must be one the line's events belong to. */
    incident_id: Id.optional(),
    counts: z.string().max(1000),
    unit: z.string().max(1000),
    decision: ResolutionDecision,
    value: z.number().finite().nullable(),
    min: z.number().finite().nullable(),
    max: z.number().finite().nullable(),
    note: z.string().max(100_000),
    span_ids: z.array(Id).max(10_000),
    author: z.string().max(500),
    created_at: z.string().max(64),
    updated_at: z.string().max(64),
  })
  .refine((r) => (r.scope === 'incident') === (r.incident_id !== undefined), { message: 'an incident’s resolution names its incident, an article’s none' })
  .superRefine((r, ctx) => {
    const problem = resolutionProblem(r);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type BundleResolution = z.infer<typeof BundleResolution>;

export const BUNDLE_FIGURE_FIELDS = {
  resolutions: z.array(BundleResolution).max(100_000).default([]),
};

export function bundleFigureFields(item: ExportItem): { resolutions?: BundleResolution[] } {
  const resolutions = (item.resolutions ?? []).map((r) => ({
    scope: r.scope,
    ...(r.scope === 'incident' ? { incident_id: r.scopeId } : {}),
    counts: r.counts,
    unit: r.unit,
    decision: r.resolution.decision,
    value: r.resolution.value,
    min: r.resolution.min,
    max: r.resolution.max,
    note: r.resolution.note,
    span_ids: [...r.spanIds],
    author: r.resolution.author,
    created_at: r.resolution.createdAt,
    updated_at: r.resolution.updatedAt,
  }));
  return resolutions.length ? { resolutions } : {};
}
