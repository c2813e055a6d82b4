import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { SortKey, Stats } from '../../../shared/ipc/contract';
import { LABELS, LABEL_TITLES, type Label } from '../../../shared/model';
import { useListbox } from '../a11y/useListbox';
import { call } from '../api/client';
import { ThemePicker } from '../shell/ThemePicker';
import { AnnotationResults } from './AnnotationResults';
import { SearchIndexStatus } from './SearchIndexStatus';
import { Snippet } from './Snippet';
import { usePagedArticles, type ListQuery } from './usePagedArticles';

export interface LibraryProps {
  selectedId: string | null;
  /** `byKeyboard`: opened with Enter, so the article's text takes focus once it is shown. */
  onOpen(id: string, annotationId?: string, byKeyboard?: boolean): void;
  onImport(): void;
  /** Import whole folders: the file picker of Windows and Linux cannot offer files and folders at once. */
  onImportFolder(): void;
  onExport(): void;
  onBackup(): void;
  onRestore(): void;
  /** A backup or restore is under way; both buttons wait for it. */
  backupBusy: boolean;
  /** The library's current search and filters, for exporting what is shown. */
  onQueryChange(query: ListQuery): void;
  /** Bumped whenever the library changes (import, delete, annotation counts) so pages reload. */
  revision: number;
}

const SORTS: { key: SortKey; title: string }[] = [
  { key: 'relevance', title: 'Relevance' },
  { key: 'imported', title: 'Imported' },
  { key: 'published', title: 'Published' },
  { key: 'title', title: 'Title' },
  { key: 'annotations', title: 'Annotations' },
];

const ROW_HEIGHT = 64;

export function Library({ selectedId, onOpen, onImport, onImportFolder, onExport, onBackup, onRestore, backupBusy, onQueryChange, revision }: LibraryProps) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('imported');
  const [label, setLabel] = useState<Label | ''>('');
  const [unannotated, setUnannotated] = useState(false);
  const [source, setSource] = useState('');
  const [publishedFrom, setPublishedFrom] = useState('');
  const [publishedTo, setPublishedTo] = useState('');
  const sources = useSources(revision);
  const [searchIn, setSearchIn] = useState<'articles' | 'annotations'>('articles');
  const deferredSearch = useDeferredValue(search.trim());
  const query: ListQuery = {
    sort: deferredSearch && sort === 'imported' ? 'relevance' : sort,
    descending: sort !== 'title',
    ...(deferredSearch ? { query: deferredSearch } : {}),
    ...(label ? { label } : {}),
    ...(unannotated ? { unannotated: true } : {}),
    ...(source ? { source } : {}),
    ...(publishedFrom ? { publishedFrom } : {}),
    ...(publishedTo ? { publishedTo } : {}),
  };
  const { total, capped, error, itemAt } = usePagedArticles(query, revision);
  const queryKey = JSON.stringify(query);
  useEffect(() => onQueryChange(JSON.parse(queryKey) as ListQuery), [queryKey, onQueryChange]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const count = total ?? 0;
  const articles = useListbox({
    count,
    pageSize: 8,
    reveal: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    onOpen: (index) => {
      const item = itemAt(index);
      if (item) onOpen(item.id, undefined, true);
    },
  });
  const activeRendered = virtualizer.getVirtualItems().some((v) => v.index === articles.active);

  return (
    <section className="library" id="library-panel" aria-label="Library">
      <div className="library-bar">
        <input
          type="search"
          aria-label="Search articles"
          placeholder="Search articles"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" onClick={onImport}>
          Import
        </button>
        <button type="button" onClick={onImportFolder}>
          Add folder…
        </button>
        <button type="button" onClick={onExport}>
          Export
        </button>
      </div>
      <SearchIndexStatus />
      <div className="library-filters" role="group" aria-label="Search in">
        <button type="button" aria-pressed={searchIn === 'articles'} onClick={() => setSearchIn('articles')}>
          Articles
        </button>
        <button type="button" aria-pressed={searchIn === 'annotations'} onClick={() => setSearchIn('annotations')}>
          Annotations
        </button>
      </div>
      <div className="library-filters">
        <label>
          Sort{' '}
          <select aria-label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <select aria-label="Has label" value={label} onChange={(e) => setLabel(e.target.value as Label | '')}>
          <option value="">Any label</option>
          {LABELS.map((l) => (
            <option key={l} value={l}>
              Has {LABEL_TITLES[l]}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={unannotated} onChange={(e) => setUnannotated(e.target.checked)} /> Not yet annotated
        </label>
      </div>
      <div className="library-filters">
        <select aria-label="Source" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">Any source</option>
          {sources.map((s) => (
            <option key={s.source} value={s.source}>
              {s.source} ({s.articles})
            </option>
          ))}
        </select>
        <label>
          Published from <input type="date" aria-label="Published from" value={publishedFrom} onChange={(e) => setPublishedFrom(e.target.value)} />
        </label>
        <label>
          to <input type="date" aria-label="Published to" value={publishedTo} onChange={(e) => setPublishedTo(e.target.value)} />
        </label>
      </div>
      {searchIn === 'annotations' ? (
        <AnnotationResults query={deferredSearch} label={label} revision={revision} onOpen={onOpen} />
      ) : (
        <>
      <div className="library-count" role="status">
        {error ? <span className="error">{error}</span> : total === null ? 'Loading…' : capped ? `${total.toLocaleString('en')}+ articles (the first ${total.toLocaleString('en')} listed)` : `${total} article${total === 1 ? '' : 's'}`}
      </div>
      <div className="library-list" ref={scroller}>
        <ul role="listbox" aria-label="Articles" style={{ height: virtualizer.getTotalSize() }} {...articles.listProps(activeRendered)}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = itemAt(row.index);
            return (
              <li
                key={row.key}
                id={articles.optionId(row.index)}
                role="option"
                aria-selected={item?.id === selectedId}
                data-active={row.index === articles.active ? 'true' : undefined}
                className="article-row"
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  articles.setActive(row.index);
                  if (item) onOpen(item.id);
                }}
              >
                {item ? (
                  <>
                    <div className="article-title">{item.title || '(untitled)'}</div>
                    <div className="article-meta">
                      {item.source ? <span>{item.source}</span> : null}
                      {item.publishedAt ? <span>{item.publishedAt.slice(0, 10)}</span> : null}
                      {LABELS.map((l) =>
                        item.counts[l] > 0 ? (
                          <span key={l} className={`count label-${l}`} title={`${item.counts[l]} ${LABEL_TITLES[l]}`}>
                            {LABEL_TITLES[l].charAt(0)}
                            {item.counts[l]}
                          </span>
                        ) : null,
                      )}
                    </div>
                    {item.snippet ? <Snippet text={item.snippet} /> : null}
                  </>
                ) : (
                  <div className="article-title placeholder">…</div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
        </>
      )}
      <div className="library-foot">
        <button type="button" onClick={onBackup} disabled={backupBusy}>
          Back up library…
        </button>
        <button type="button" onClick={onRestore} disabled={backupBusy}>
          Restore from backup…
        </button>
        <ThemePicker />
      </div>
    </section>
  );
}

/** The sources to filter by, reloaded whenever the library changes. */
function useSources(revision: number): Stats['sources'] {
  const [sources, setSources] = useState<Stats['sources']>([]);
  useEffect(() => {
    let live = true;
    call('library/stats', {})
      .then((s) => {
        if (live) setSources(s.sources);
      })
      // The filter is a convenience: without the list, the library still works unfiltered.
      .catch(() => {
        if (live) setSources([]);
      });
    return () => {
      live = false;
    };
  }, [revision]);
  return sources;
}
