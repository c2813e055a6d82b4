import { z } from 'zod';
import { DISAGREEMENT_KINDS } from '../disagreements';
import { FIGURE_QUALIFIERS, Id } from '../model';

/**
 * Figures that disagree (DESIGN.md, "Disagreement"): the list the Figures view shows and
 * `spanwise figures --disagreements` prints, the analyst's resolutions, the spread an approximate
 * value allows and the vocabulary of units and counts the library remembers.
 */

export const DisagreementKind = z.enum(DISAGREEMENT_KINDS);
export const DisagreementScope = z.enum(['article', 'incident']);
/** A disagreement's id: its scope, scope id, counts and unit in hex (store/disagreement-refresh.ts), so longer than other ids. */
export const DisagreementId = z.string().max(8192).regex(/^fd-[0-9a-f]+$/, 'not a disagreement id');
export type DisagreementScope = z.infer<typeof DisagreementScope>;

export const RESOLUTION_DECISIONS = ['value', 'range', 'not_same_count'] as const;
export const ResolutionDecision = z.enum(RESOLUTION_DECISIONS);
export type ResolutionDecision = z.infer<typeof ResolutionDecision>;

/** One figure of a disagreement, with where it was reported. */
export const DisagreementValue = z.object({
  spanId: Id,
  articleId: Id,
  articleTitle: z.string(),
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  qualifier: z.enum(FIGURE_QUALIFIERS).nullable(),
  /** True while the app filled the value in and the analyst has not confirmed it. */
  auto: z.boolean(),
  quote: z.string(),
  source: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type DisagreementValue = z.infer<typeof DisagreementValue>;

/**
 * What every stored resolution holds to, whichever path writes it (the store's CHECK says the
 * same, so a call that breaks it is refused with this reason instead of failing in the store).
 */
export function resolutionProblem(r: { decision: ResolutionDecision; value?: number | null | undefined; min?: number | null | undefined; max?: number | null | undefined }): string | null {
  if (r.decision === 'value' && (r.value === undefined || r.value === null)) return 'an accepted value needs a value';
  if (r.decision === 'range' && (r.min === undefined || r.min === null || r.max === undefined || r.max === null || r.min > r.max)) return 'an accepted range needs min <= max';
  return null;
}

function holds(r: Parameters<typeof resolutionProblem>[0], ctx: z.RefinementCtx): void {
  const problem = resolutionProblem(r);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

export const ResolutionInput = z
  .object({
    decision: ResolutionDecision,
    value: z.number().finite().optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    note: z.string().max(100_000).default(''),
  })
  .strict()
  .superRefine(holds);
export type ResolutionInput = z.input<typeof ResolutionInput>;

export const Resolution = z.object({
  decision: ResolutionDecision,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  note: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resolution = z.infer<typeof Resolution>;

/** A resolution put back as it was (undo, redo): bounded as the store keeps them, and holding to resolutionProblem. */
export const RestoredResolution = Resolution.extend({
  value: z.number().finite().nullable(),
  min: z.number().finite().nullable(),
  max: z.number().finite().nullable(),
  note: z.string().max(100_000),
  author: z.string().max(500),
  createdAt: z.string().max(64),
  updatedAt: z.string().max(64),
})
  .strict()
  .superRefine(holds);

export const Disagreement = z.object({
  id: DisagreementId,
  kind: DisagreementKind,
  scope: DisagreementScope,
  /** The article's or the incident's id. */
  scopeId: Id,
  counts: z.string(),
  unit: z.string(),
  values: z.array(DisagreementValue),
  resolution: Resolution.nullable(),
});
export type Disagreement = z.infer<typeof Disagreement>;

export const DISAGREEMENTS_PAGE_SIZE = 100;

export const DisagreementsQuery = z
  .object({
    kind: DisagreementKind.optional(),
    scope: DisagreementScope.optional(),
    /** Only one article's or one incident's (with `scope`). */
    scopeId: Id.optional(),
    /** Only those left to resolve. */
    unresolved: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).default(DISAGREEMENTS_PAGE_SIZE),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type DisagreementsQuery = z.input<typeof DisagreementsQuery>;

export const FigureVocabularySchema = z.object({ units: z.record(z.string(), z.string()), unitWords: z.array(z.string()), countsWords: z.array(z.string()) });

export const figuresContract = {
  'figures/disagreements': { input: DisagreementsQuery, output: z.object({ total: z.number(), items: z.array(Disagreement) }) },
  /** Records the analyst's decision (null takes it away); `previous` is what undo sends back. */
  'figures/resolve': {
    input: z.object({ id: DisagreementId, resolution: ResolutionInput.nullable() }).strict(),
    output: z.object({ disagreement: Disagreement.nullable(), previous: Resolution.nullable() }),
  },
  /** Puts a resolution back exactly as it was (undo and redo). */
  'figures/restoreResolution': {
    input: z.object({ id: DisagreementId, resolution: RestoredResolution.nullable() }).strict(),
    output: z.object({ disagreement: Disagreement.nullable() }),
  },
  'figures/settings': { input: z.object({ spread: z.number().min(0).max(1).optional() }).strict(), output: z.object({ spread: z.number() }) },
  'figures/vocabulary': { input: z.object({}).strict(), output: FigureVocabularySchema },
} as const;
