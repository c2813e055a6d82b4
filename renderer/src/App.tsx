import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../shared/ipc/contract';
import { ActorsView } from './actors/ActorsView';
import { backendAvailable, call } from './api/client';
import { EventsView } from './events/EventsView';
import { FiguresView } from './figures/FiguresView';
import './events/events.css';
import { ExportDialog } from './library/ExportDialog';
import { ImportProgress } from './library/ImportProgress';
import { ImportReportView } from './library/ImportReportView';
import { Library } from './library/Library';
import { useBackup } from './library/useBackup';
import { droppedFiles, pastedItem, useImport } from './library/useImport';
import type { ListQuery } from './library/usePagedArticles';
import { reportTouches } from './library/reportTouches';
import { Reader } from './reader/Reader';
import { ViewsNav, type ViewId } from './shell/ViewsNav';
import { TimelineView } from './timeline/TimelineView';
import { NetworkView } from './network/NetworkView';
import { useGlobalKeys } from './a11y/useGlobalKeys';
import { ShortcutsDialog } from './a11y/ShortcutsDialog';
import { PANEL_LIMITS, arrange, panelShown, storeWidths, storedWidths, togglePanel, useReaderMin, useWindowWidth, type PanelState, type PanelWidths } from './shell/layout';
import { PanelToggles } from './shell/PanelToggles';
import { Splitter } from './shell/Splitter';

interface Undoable {
  message: string;
  token: string;
}

export function App() {
  const [view, setView] = useState<ViewId>('library');
  const [articleId, setArticleId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [takeFocus, setTakeFocus] = useState(false);
  const open = useCallback((id: string, annotationId?: string, byKeyboard = false) => {
    setArticleId(id);
    setFocusId(annotationId ?? null);
    setTakeFocus(byKeyboard);
  }, []);
  // Another view (a mention in the Actors view) opens the reader on an annotation.
  const openFromView = useCallback(
    (id: string, annotationId: string) => {
      setView('library');
      open(id, annotationId);
    },
    [open],
  );
  // The incident whose page the Events view shows (null: its table).
  const [incidentId, setIncidentId] = useState<string | null>(null);
  const openIncident = useCallback((id: string) => {
    setIncidentId(id);
    setView('events');
  }, []);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [libraryPanel, setLibraryPanel] = useState<PanelState>('auto');
  const [sidePanel, setSidePanel] = useState<PanelState>('auto');
  const [widths, setWidths] = useState<PanelWidths>(storedWidths);
  // A drawer that opens takes focus, so the keyboard (Escape included) is where the eyes are. It
  // moves before the drawer is painted: in a later frame, a key pressed at once would still go
  // to the toggle, outside the drawer.
  const drawerToFocus = useRef<'library' | 'side' | null>(null);
  useLayoutEffect(() => {
    const which = drawerToFocus.current;
    if (!which) return;
    drawerToFocus.current = null;
    const target = which === 'library' ? document.querySelector<HTMLElement>('.library input') : document.querySelector<HTMLElement>('.panel-column button');
    target?.focus();
  }, [libraryPanel, sidePanel]);
  const windowWidth = useWindowWidth();
  const readerMin = useReaderMin();
  const modes = arrange({ window: windowWidth, wanted: widths, readerMin, libraryShown: true, sideShown: true });
  const libraryDrawer = modes.libraryDrawer;
  const sideDrawer = modes.sideDrawer;
  const libraryBeside = !libraryDrawer && panelShown(libraryPanel, false);
  const sideBeside = !sideDrawer && articleId !== null && panelShown(sidePanel, false);
  const layout = arrange({ window: windowWidth, wanted: widths, readerMin, libraryShown: libraryBeside, sideShown: sideBeside });
  const resize = (id: keyof PanelWidths) => (width: number) => setWidths((w) => ({ ...w, [id]: width }));
  const remember = (id: keyof PanelWidths) => (width: number) => storeWidths({ ...widths, [id]: width });
  // An article opened from the library's drawer closes the drawer: the text is what was asked for.
  const drawerRef = useRef(libraryDrawer);
  drawerRef.current = libraryDrawer;
  useEffect(() => {
    if (drawerRef.current) setLibraryPanel('auto');
  }, [articleId, focusId]);
  useGlobalKeys({ onHelp: () => setShowShortcuts(true) });
  const [revision, setRevision] = useState(0);
  // An import that changed the open article (a merged bundle) makes the reader reopen it from the
  // store; any other import leaves it, its queued edits and its undo history alone.
  const [reopened, setReopened] = useState(0);
  const openId = useRef(articleId);
  openId.current = articleId;
  const [report, setReport] = useState<ImportReport | null>(null);
  const [deleted, setDeleted] = useState<Undoable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [query, setQuery] = useState<ListQuery>({});
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  const onImported = useCallback(
    (result: ImportReport) => {
      setReport(result);
      refresh();
      const first = result.outcomes.find((o) => o.articleIds.length > 0)?.articleIds[0];
      // Checked before opening the first article, which may be the open one, changed by the import.
      if (openId.current !== null && reportTouches(result, openId.current)) setReopened((n) => n + 1);
      if (first) open(first);
    },
    [refresh, open],
  );
  const importer = useImport(onImported);
  const backups = useBackup(setError);

  useEffect(() => {
    // Pasting outside a text field imports what was pasted as a new article.
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]') || !e.clipboardData) return;
      // Files copied in a file manager import as a drop of them would (a bundle merged, an encrypted one asking its passphrase).
      const files = Array.from(e.clipboardData.files);
      if (files.length > 0) {
        e.preventDefault();
        importer.fromDrop(files.map((file) => ({ file, path: file.name })));
        return;
      }
      const item = pastedItem(e.clipboardData);
      if (item) {
        e.preventDefault();
        importer.fromItems([item]);
      }
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      droppedFiles(e.dataTransfer)
        .then(importer.fromDrop)
        .catch((err: Error) => setError(err.message));
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [importer.fromItems, importer.fromDrop]);

  const undoDelete = () => {
    if (!deleted) return;
    call('articles/restore', { token: deleted.token })
      .then((restored) => {
        // The same text was imported again meanwhile: the undo went into that copy, which the analyst should know.
        setDeleted(
          restored.merged > 0
            ? { token: '', message: `Restored. ${restored.merged === 1 ? 'Its text had been imported again' : `${restored.merged} of the texts had been imported again`}: ${restored.annotations} annotation${restored.annotations === 1 ? '' : 's'} added to the copy in the library.` }
            : null,
        );
        refresh();
      })
      .catch((err: Error) => setError(err.message));
  };

  if (!backendAvailable()) {
    return <main className="fatal">Spanwise could not reach its library. Restart the application.</main>;
  }

  const problem = error ?? importer.error;
  return (
    <div className="shell">
      <ViewsNav
        current={view}
        onChange={(next) => {
          // The Events entry shows the table, even when an incident's page was open.
          if (next === 'events') setIncidentId(null);
          setView(next);
        }}
      />
      {view === 'library' ? (
        <PanelToggles
          libraryShown={panelShown(libraryPanel, libraryDrawer)}
          sideShown={panelShown(sidePanel, sideDrawer)}
          hasSide={articleId !== null}
          onLibrary={() => {
            const next = togglePanel(libraryPanel, libraryDrawer);
            setLibraryPanel(next);
            if (next === 'open' && libraryDrawer) drawerToFocus.current = 'library';
          }}
          onSide={() => {
            const next = togglePanel(sidePanel, sideDrawer);
            setSidePanel(next);
            if (next === 'open' && sideDrawer) drawerToFocus.current = 'side';
          }}
        />
      ) : null}
      {view === 'timeline' ? <TimelineView onOpenReport={openFromView} /> : null}
      {view === 'network' ? <NetworkView /> : null}
      {view === 'timeline' || view === 'network' ? null : view === 'figures' ? (
        <FiguresView onOpenFigure={openFromView} revision={revision} />
      ) : view === 'events' ? (
        <EventsView incidentId={incidentId} onOpenIncident={setIncidentId} onOpenReport={openFromView} revision={revision} />
      ) : view === 'actors' ? (
        <ActorsView
          onOpenMention={openFromView}
          onOpenArticle={(id) => {
            setView('library');
            open(id);
          }}
        />
      ) : (
        <div
          className="app"
          data-library={libraryPanel}
          data-side={sidePanel}
          data-library-mode={libraryDrawer ? 'drawer' : 'beside'}
          data-side-mode={sideDrawer ? 'drawer' : 'beside'}
          style={{ '--library-width': `${layout.library}px`, '--side-width': `${layout.side}px` } as React.CSSProperties}
          onKeyDown={(e) => {
            // Escape closes a drawer that is open over the page.
            if (e.key !== 'Escape' || e.defaultPrevented) return;
            const inLibrary = (e.target as Element).closest('.library') !== null;
            const inSide = (e.target as Element).closest('.panel-column') !== null;
            if (inLibrary && libraryDrawer && libraryPanel === 'open') setLibraryPanel('auto');
            else if (inSide && sideDrawer && sidePanel === 'open') setSidePanel('auto');
          }}
        >
          <Library
            selectedId={articleId}
            onOpen={open}
            onImport={importer.fromDialog}
            onImportFolder={importer.fromFolderDialog}
            onExport={() => setExporting(true)}
            onBackup={backups.backup}
            onRestore={backups.restore}
            backupBusy={backups.busy !== null}
            onQueryChange={setQuery}
            revision={revision}
          />
          <main className="workspace">
            {problem ? (
              <div role="alert" className="error">
                {problem}
              </div>
            ) : null}
            {importer.job ? <ImportProgress job={importer.job} onCancel={importer.cancel} /> : null}
            {report ? <ImportReportView report={report} onClose={() => setReport(null)} onChanged={refresh} /> : null}
            {articleId ? (
              <Reader
                key={`${articleId}:${focusId ?? ''}:${reopened}:${takeFocus}`}
                articleId={articleId}
                focusId={focusId}
                takeFocus={takeFocus}
                onChanged={refresh}
                onOpen={open}
                onOpenIncident={openIncident}
                onDeleted={(token, count) => {
                  setArticleId(null);
                  setDeleted({ token, message: `Deleted ${count} article${count === 1 ? '' : 's'}.` });
                }}
              />
            ) : (
              <div className="empty">Choose an article from the library, import files, drop them here, or paste a web page or text.</div>
            )}
          </main>
          {libraryBeside ? (
            <Splitter
              label="Resize library"
              controls="library-panel"
              edge="right"
              value={layout.library}
              min={PANEL_LIMITS.library.min}
              max={layout.libraryMax}
              onChange={resize('library')}
              onCommit={remember('library')}
            />
          ) : null}
          {sideBeside ? (
            <Splitter
              label="Resize annotations"
              controls="annotations-panel"
              edge="left"
              value={layout.side}
              min={PANEL_LIMITS.side.min}
              max={layout.sideMax}
              onChange={resize('side')}
              onCommit={remember('side')}
            />
          ) : null}
        </div>
      )}
      {showShortcuts ? <ShortcutsDialog onClose={() => setShowShortcuts(false)} /> : null}
      {exporting ? <ExportDialog query={query} articleId={articleId} onClose={() => setExporting(false)} /> : null}
      {backups.notice ? (
        <div className="notice" role="status" aria-label="Backup">
          {backups.notice}
          {backups.busy ? null : (
            <button type="button" aria-label="Dismiss" onClick={backups.dismiss}>
              ×
            </button>
          )}
        </div>
      ) : null}
      {deleted ? (
        <div className="toast" role="status">
          {deleted.message}
          {deleted.token ? (
            <button type="button" onClick={undoDelete}>
              Undo
            </button>
          ) : null}
          <button type="button" aria-label="Dismiss" onClick={() => setDeleted(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
