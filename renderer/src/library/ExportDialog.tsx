import { useCallback, useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportScope, type Job } from '../../../shared/ipc/contract';
import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';
import { call } from '../api/client';
import { useJob } from '../api/useJob';
import { ArticlePicker } from './ArticlePicker';
import { plural } from '../../../shared/plural';
import type { ListQuery } from './usePagedArticles';

const FORMAT_TITLES: Record<ExportFormat, string> = {
  jsonl: 'JSONL (one article per line, spans in code points)',
  csv: 'CSV (one span per row)',
  brat: 'brat standoff (a folder of .txt and .ann)',
  w3c: 'W3C Web Annotation (JSON-LD)',
  bundle: 'Spanwise bundle (everything, for another Spanwise)',
  acled: 'ACLED (CSV, one row per incident, the whole library)',
  plover: 'PLOVER (JSONL, one record per incident, the whole library)',
  refi: 'REFI-QDA project (.qdpx, for NVivo, ATLAS.ti, MAXQDA, QualCoder)',
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

/**
 * What an export of `choice` covers (undefined: the whole library), or null and why there is
 * nothing to export: a choice with nothing in it is refused, never widened to the whole library.
 */
function pickScope(
  choice: ScopeChoice,
  filter: ExportScope,
  articleId: string | null,
  chosen: string[],
): { picked: ExportScope | undefined; empty: null } | { picked: null; empty: string } {
  switch (choice) {
    case 'all':
      return { picked: undefined, empty: null };
    case 'article':
      return articleId ? { picked: { ids: [articleId] }, empty: null } : { picked: null, empty: 'No article is open: choose another set of articles.' };
    case 'chosen':
      return chosen.length > 0 ? { picked: { ids: chosen }, empty: null } : { picked: null, empty: 'Choose at least one article to export.' };
    case 'filter':
      return Object.keys(filter).length > 0
        ? { picked: filter, empty: null }
        : { picked: null, empty: 'The library has no search or filter now: choose another set of articles.' };
  }
}

export function ExportDialog({ query, articleId, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [scope, setScope] = useState<ScopeChoice>('all');
  const [labels, setLabels] = useState<Label[]>([...LABELS]);
  const [chosen, setChosen] = useState<string[]>(articleId ? [articleId] : []);
  // On by default: a CSV is usually opened in a spreadsheet, where a quote starting with = runs as a formula.
  const [spreadsheetSafe, setSpreadsheetSafe] = useState(true);
  const [done, setDone] = useState<Job | null>(null);
  const { job, error, start, cancel } = useJob(useCallback((j: Job) => setDone(j), []));
  const filter = filterScope(query);
  const hasFilter = Object.keys(filter).length > 0;
  const { picked, empty } = pickScope(scope, filter, articleId, chosen);
  const running = job !== null;
  // ACLED and PLOVER cover every event: an incident's reports may lie in articles a scope would leave out.
  const dataset = format === 'acled' || format === 'plover';

  const run = () => {
    if (picked === null) return;
    setDone(null);
    start(
      call('export/dialog', {
        format,
        ...(picked && !dataset ? { scope: picked } : {}),
        ...(labels.length < LABELS.length && !dataset ? { labels } : {}),
        ...(format === 'csv' && spreadsheetSafe ? { spreadsheetSafe: true } : {}),
      }).then((r) => r.job),
    );
  };

  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = running ? () => undefined : onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('input:checked')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // Focus goes back to what opened the dialog, never to the page's body.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Export" ref={dialog}>
        <h2>Export annotations</h2>
        <fieldset>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {FORMAT_TITLES[f]}
            </label>
          ))}
          {format === 'csv' ? (
            <label className="check">
              <input type="checkbox" checked={spreadsheetSafe} onChange={(e) => setSpreadsheetSafe(e.target.checked)} /> Spreadsheet-safe (an
              apostrophe before cells starting with = + - @, so spreadsheets do not run them as formulas)
            </label>
          ) : null}
        </fieldset>
        <fieldset disabled={dataset}>
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
        <fieldset disabled={dataset}>
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
            Exported {plural(done.exported.articles, 'article')} and {plural(done.exported.spans, 'span')} to {done.exported.out}
            {done.exported.conflictsLeftOut > 0 ? (
              <>
                . {done.exported.conflictsLeftOut} unresolved conflict version(s) were left out: each conflicted annotation is exported as
                this library&rsquo;s version. Resolve the conflicts in the reader, or export a bundle, which keeps both.
              </>
            ) : null}
            {done.exported.notes.map((note) => (
              <p key={note}>{note}</p>
            ))}
          </div>
        ) : null}
        {done?.state === 'cancelled' ? <div role="status">Export cancelled; nothing was written.</div> : null}
        {empty ? <p className="hint">{empty}</p> : labels.length === 0 ? <p className="hint">Choose at least one label to export.</p> : null}
        <div>
          <button type="button" onClick={run} disabled={running || labels.length === 0 || picked === null}>
            Export…
          </button>{' '}
          <button type="button" onClick={onClose} disabled={running} aria-describedby={running ? 'export-close-why' : undefined}>
            Close
          </button>
          {running ? (
            <span id="export-close-why" className="hint">
              {' '}
              An export is running: cancel it to close.
            </span>
          ) : null}
        </div>
      </div>
    </div>
  );
}
