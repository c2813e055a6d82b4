import { useCallback, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportScope, type Job } from '../../../shared/ipc/contract';
import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';
import { call } from '../api/client';
import { useJob } from '../api/useJob';
import { ArticlePicker } from './ArticlePicker';
import type { ListQuery } from './usePagedArticles';

const FORMAT_TITLES: Record<ExportFormat, string> = {
  jsonl: 'JSONL (one article per line, spans in code points)',
  csv: 'CSV (one span per row)',
  brat: 'brat standoff (a folder of .txt and .ann)',
  w3c: 'W3C Web Annotation (JSON-LD)',
  bundle: 'Spanwise bundle (everything, for another Spanwise)',
};

export interface ExportDialogProps {
  query: ListQuery;
  articleId: string | null;
  onClose(): void;
}

type ScopeChoice = 'all' | 'filter' | 'article' | 'chosen';

/** The library's filters as an export scope (its sort order does not matter to an export). */
export function filterScope(query: ListQuery): ExportScope {
  return {
    ...(query.query ? { query: query.query } : {}),
    ...(query.label ? { label: query.label } : {}),
    ...(query.unannotated ? { unannotated: true } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.publishedFrom ? { publishedFrom: query.publishedFrom } : {}),
    ...(query.publishedTo ? { publishedTo: query.publishedTo } : {}),
  };
}

export function ExportDialog({ query, articleId, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [scope, setScope] = useState<ScopeChoice>('all');
  const [labels, setLabels] = useState<Label[]>([...LABELS]);
  const [chosen, setChosen] = useState<string[]>(articleId ? [articleId] : []);
  const [done, setDone] = useState<Job | null>(null);
  const { job, error, start, cancel } = useJob(useCallback((j: Job) => setDone(j), []));
  const hasFilter = Object.keys(filterScope(query)).length > 0;

  const run = () => {
    setDone(null);
    const picked: ExportScope | undefined =
      scope === 'article' && articleId ? { ids: [articleId] } : scope === 'chosen' ? { ids: chosen } : scope === 'filter' ? filterScope(query) : undefined;
    start(
      call('export/dialog', {
        format,
        ...(picked ? { scope: picked } : {}),
        ...(labels.length < LABELS.length ? { labels } : {}),
      }).then((r) => r.job),
    );
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-label="Export">
        <h2>Export annotations</h2>
        <fieldset>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {FORMAT_TITLES[f]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Articles</legend>
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> The whole library
          </label>
          <label className="check">
            <input type="radio" name="scope" disabled={!hasFilter} checked={scope === 'filter'} onChange={() => setScope('filter')} /> The current
            search and filters
          </label>
          <label className="check">
            <input type="radio" name="scope" disabled={!articleId} checked={scope === 'article'} onChange={() => setScope('article')} /> The open
            article
          </label>
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} /> Articles I choose
          </label>
          {scope === 'chosen' ? <ArticlePicker query={query} chosen={chosen} onChange={setChosen} /> : null}
        </fieldset>
        <fieldset>
          <legend>Labels</legend>
          {LABELS.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={labels.includes(l)}
                onChange={(e) => setLabels(e.target.checked ? LABELS.filter((x) => x === l || labels.includes(x)) : labels.filter((x) => x !== l))}
              />{' '}
              {LABEL_TITLES[l]}
            </label>
          ))}
        </fieldset>
        {job ? (
          <div>
            <progress aria-label="Export progress" max={job.total || 1} value={job.done} />
            <button type="button" onClick={cancel}>
              Cancel export
            </button>
          </div>
        ) : null}
        {error ? <div role="alert" className="error">Export failed: {error}</div> : null}
        {done?.state === 'done' && done.exported ? (
          <div role="status" className="export-done">
            Exported {done.exported.articles} articles and {done.exported.spans} spans to {done.exported.out}
            {done.exported.conflictsLeftOut > 0 ? (
              <>
                . {done.exported.conflictsLeftOut} unresolved conflict version(s) were left out: each conflicted annotation is exported as
                this library&rsquo;s version. Resolve the conflicts in the reader, or export a bundle, which keeps both.
              </>
            ) : null}
          </div>
        ) : null}
        {done?.state === 'cancelled' ? <div role="status">Export cancelled; nothing was written.</div> : null}
        <div>
          <button type="button" onClick={run} disabled={!!job || labels.length === 0 || (scope === 'chosen' && chosen.length === 0)}>
            Export…
          </button>{' '}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
