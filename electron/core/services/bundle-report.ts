import { emptyEntityReport, type EntityMergeReport } from './bundle-entities';
import { emptyEventLinksReport, type EventLinksReport } from './bundle-events';
import { emptyResolutionsReport, type ResolutionsReport } from './bundle-figures';
import type { Label } from '../../../shared/model';

/** A merge that would leave an annotation breaking the library's invariants; the whole bundle is refused. */
export class BundleMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleMergeError';
  }
}

/** An annotation edited differently on both machines: both versions are now in the store. */
export interface BundleConflict {
  articleId: string;
  /** The local annotation, left as it was. */
  localId: string;
  /** The incoming version, stored as a new annotation whose conflict_of is localId. */
  copyId: string;
  label: Label;
}

/** An incoming annotation named in the report: one that could not be placed, or one brought back. */
export interface AnnotationRef {
  articleId: string;
  annotationId: string;
  quote: string;
}

export interface BundleImportReport {
  articlesAdded: number;
  articlesMatched: number;
  annotationsAdded: number;
  /** Edited on the other machine only: the local annotation now has that version. */
  annotationsUpdated: number;
  annotationsUnchanged: number;
  /** Deleted here, and unchanged there since: they stay deleted. */
  annotationsKeptDeleted: number;
  conflicts: BundleConflict[];
  /** Whose text is no longer in the local (corrected) article. */
  unplaced: AnnotationRef[];
  /** Deleted here but changed on the other machine since: brought back, so that work is not lost. */
  revived: AnnotationRef[];
  /** The events' roles and incidents (bundle-events.ts). */
  events?: EventLinksReport;
  /** The registry the bundle carried (bundle-entities.ts). */
  entities?: EntityMergeReport;
  /** The analyst's resolutions of disagreements (bundle-figures.ts). */
  resolutions?: ResolutionsReport;
}

export const emptyReport = (): BundleImportReport => ({
  articlesAdded: 0,
  articlesMatched: 0,
  annotationsAdded: 0,
  annotationsUpdated: 0,
  annotationsUnchanged: 0,
  annotationsKeptDeleted: 0,
  conflicts: [],
  unplaced: [],
  revived: [],
  events: emptyEventLinksReport(),
  entities: emptyEntityReport(),
  resolutions: emptyResolutionsReport(),
});
