import { LABELS, type Label } from '../../../shared/model';
import type { ExportFilter } from './export';
import { toFtsQuery } from './search';

export interface FilterSql {
  from: string;
  where: string[];
  params: Record<string, unknown>;
}

/**
 * The library's filters as SQL, shared by the list and by exports so an export of "what the
 * library shows" exports exactly that; null when the filter can match nothing (a query with no searchable words).
 */
export function filterSql(filter: ExportFilter): FilterSql | null {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  let from = 'articles a JOIN article_counts c ON c.article_id = a.id';
  if (filter.query) {
    const fts = toFtsQuery(filter.query);
    if (fts === null) return null;
    from += ' JOIN articles_fts ON articles_fts.rowid = a.rowid';
    where.push('articles_fts MATCH @fts');
    params.fts = fts;
  }
  if (filter.source !== undefined) {
    where.push('a.source = @source');
    params.source = filter.source;
  }
  if (filter.label) where.push(`c.${labelColumn(filter.label)} > 0`);
  if (filter.unannotated) where.push('c.total = 0');
  if (filter.publishedFrom) {
    where.push('a.published_at >= @from');
    params.from = filter.publishedFrom;
  }
  if (filter.publishedTo) {
    // Partial dates compare as prefixes, as in the library: "to 2024-11" includes 2024-11-30.
    where.push('a.published_at <= @to');
    params.to = `${filter.publishedTo}\uffff`;
  }
  return { from, where, params };
}

function labelColumn(label: Label): Label {
  // The label is interpolated into SQL as a column name, so it must be one of the four.
  if (!LABELS.includes(label)) throw new Error(`unknown label ${String(label)}`);
  return label;
}

