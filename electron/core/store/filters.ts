import { LABELS, type Label } from '../../../shared/model';
import type { ExportFilter } from './export';
import { toFtsQuery } from './search';

export interface FilterSql {
  from: string;
  where: string[];
  params: Record<string, unknown>;
}

/**
 * The library's filters as conditions, by the table they read: the full-text match, the article's
 * own columns (alias `a`), its label counts (alias `c`). Queries join only the tables their
 * conditions need, which at 100,000 articles is the difference between reading an index and
 * joining every row. Null when the filter can match nothing (a query with no searchable words).
 */
export interface FilterParts {
  fts: string | null;
  article: string[];
  counts: string[];
  params: Record<string, unknown>;
}

export function filterParts(filter: ExportFilter): FilterParts | null {
  const parts: FilterParts = { fts: null, article: [], counts: [], params: {} };
  if (filter.query) {
    const fts = toFtsQuery(filter.query);
    if (fts === null) return null;
    parts.fts = fts;
    parts.params.fts = fts;
  }
  if (filter.source !== undefined) {
    parts.article.push('a.source = @source');
    parts.params.source = filter.source;
  }
  if (filter.publishedFrom) {
    parts.article.push('a.published_at >= @from');
    parts.params.from = filter.publishedFrom;
  }
  if (filter.publishedTo) {
    // Partial dates compare as prefixes, as in the library: "to 2024-11" includes 2024-11-30.
    parts.article.push('a.published_at <= @to');
    parts.params.to = `${filter.publishedTo}\uffff`;
  }
  if (filter.label) parts.counts.push(`c.${labelColumn(filter.label)} > 0`);
  if (filter.unannotated) parts.counts.push('c.total = 0');
  return parts;
}

/**
 * The library's filters as SQL, shared by the list and by exports so an export of "what the
 * library shows" exports exactly that; null when the filter can match nothing.
 */
export function filterSql(filter: ExportFilter): FilterSql | null {
  const parts = filterParts(filter);
  if (!parts) return null;
  let from = 'articles a JOIN article_counts c ON c.article_id = a.id';
  const where = [...parts.article, ...parts.counts];
  if (parts.fts !== null) {
    from += ' JOIN articles_fts ON articles_fts.rowid = a.rowid';
    where.unshift('articles_fts MATCH @fts');
  }
  return { from, where, params: parts.params };
}

export function labelColumn(label: Label): Label {
  // The label is interpolated into SQL as a column name, so it must be one of the four.
  if (!LABELS.includes(label)) throw new Error(`unknown label ${String(label)}`);
  return label;
}
