import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { LABEL_TITLES, type Label } from '../../../shared/model';
import { $readText, idsAtDomTarget } from '../editor';
import { AnnotationsPanel } from './AnnotationsPanel';
import { ArticleHeader } from './ArticleHeader';
import { actorChoices, claimantLink } from './claimant';
import { Details } from './Details';
import { Menu, type MenuState } from './Menu';
import { panelView, stepFrom } from './panelOrder';
import { occurrencesOf, reattachToSelection, rivalOf, scrollToAnnotation, tagOrRetag } from './readerActions';
import { registerUnloadGuard, type ReaderSession } from './session';
import { Toolbar } from './Toolbar';
import { useEditorSync } from './useEditorSync';
import { useReaderKeys } from './useReaderKeys';

export interface ReaderViewProps {
  session: ReaderSession;
  focusId: string | null;
  onChanged(): void;
  onDeleted(token: string, articles: number): void;
}

export function ReaderView({ session, focusId, onChanged, onDeleted }: ReaderViewProps) {
  const [editor] = useLexicalComposerContext();
  const [correcting, setCorrecting] = useState(false);
  const [applying, setApplying] = useState(false);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [filter, setFilter] = useState<Label | null>(null);
  useSyncExternalStore(session.subscribe, session.getVersion);
  useEditorSync(editor, session, correcting);
  useEffect(() => registerUnloadGuard(session), [session]);

  const annotations = session.list();
  const selected = session.selectedId ? (session.annotations.get(session.selectedId) ?? null) : null;
  const text = session.article.text;
  const view = useMemo(() => panelView(annotations, filter), [annotations, filter]);
  const occurrences = useMemo(() => occurrencesOf(selected, annotations, text), [selected, annotations, text]);
  const actors = useMemo(() => actorChoices(annotations, text), [annotations, text]);

  const report = useCallback(
    (p: Promise<unknown> | null) => {
      p?.then(onChanged, () => undefined);
    },
    [onChanged],
  );

  const select = useCallback(
    (id: string, scroll: boolean) => {
      session.select(id);
      if (scroll) scrollToAnnotation(editor.getRootElement(), id);
    },
    [session, editor],
  );

  const keyActions = useMemo(
    () => ({
      tag: (label: Label) => report(tagOrRetag(editor, session, label)),
      remove: () => {
        if (session.selectedId) report(session.remove([session.selectedId]));
      },
      undo: () => report(session.undo()),
      redo: () => report(session.redo()),
      next: (delta: 1 | -1) => {
        const next = stepFrom(view.ordered, session.selectedId, delta);
        if (next) select(next.id, true);
      },
    }),
    [editor, session, view, select, report],
  );
  useReaderKeys(!correcting, keyActions);

  useEffect(() => {
    if (focusId && session.annotations.has(focusId)) select(focusId, true);
  }, [focusId, session, select]);

  const onClick = (e: React.MouseEvent) => {
    if (correcting) return;
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed) return;
    const ids = idsAtDomTarget(e.target);
    if (ids.length === 1) select(ids[0] as string, false);
    else if (ids.length > 1) setMenu({ x: e.clientX, y: e.clientY, kind: 'pick', ids });
  };

  const onContextMenu = (e: React.MouseEvent) => {
    if (correcting) return;
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed) {
      e.preventDefault();
      setMenu({ x: e.clientX, y: e.clientY, kind: 'tag', ids: [] });
      return;
    }
    const ids = idsAtDomTarget(e.target);
    if (ids.length > 0) {
      e.preventDefault();
      setMenu({ x: e.clientX, y: e.clientY, kind: 'annotation', ids });
    }
  };

  // The correction stays on screen, editable again, until the store has accepted it: a refused
  // correction (empty text, the text of another article) must not throw the analyst's edits away.
  const finishCorrection = () => {
    const corrected = editor.getEditorState().read(() => $readText());
    if (corrected === text) {
      setCorrecting(false);
      return;
    }
    setApplying(true);
    editor.setEditable(false);
    session.correctText(corrected).then(
      () => {
        setApplying(false);
        setCorrecting(false);
        onChanged();
      },
      () => {
        setApplying(false);
        editor.setEditable(true);
      },
    );
  };

  return (
    <div className="reader">
      <div className="reader-main">
        <ArticleHeader article={session.article} annotationCount={annotations.length} onChanged={onChanged} onDeleted={onDeleted} />
        <Toolbar
          onTag={keyActions.tag}
          onUndo={keyActions.undo}
          onRedo={keyActions.redo}
          canUndo={session.canUndo}
          canRedo={session.canRedo}
          correcting={correcting}
          applying={applying}
          onCorrect={() => {
            session.dismissError();
            setCorrecting(true);
          }}
          onCorrectDone={finishCorrection}
          onCorrectCancel={() => {
            session.dismissError();
            setCorrecting(false);
          }}
          saving={session.pending > 0}
          failed={session.error !== null}
          notice={session.notice}
        />
        {session.error ? (
          <div role="alert" className="error">
            Not saved: {session.error}{' '}
            <button type="button" onClick={() => session.dismissError()}>
              Dismiss
            </button>
          </div>
        ) : null}
        <div className="reader-scroll" onClick={onClick} onContextMenu={onContextMenu}>
          <RichTextPlugin
            contentEditable={
              <ContentEditable className={`reader-text${correcting ? ' correcting' : ''}`} aria-label="Article text" spellCheck={false} />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
      </div>
      <div className="panel-column">
        <AnnotationsPanel
          view={view}
          annotations={annotations}
          filter={filter}
          onFilter={setFilter}
          selectedId={session.selectedId}
          onSelect={(id) => select(id, true)}
          onStep={keyActions.next}
        />
        {selected ? (
          <Details
            key={selected.id}
            annotation={selected}
            actors={actors}
            link={claimantLink(selected, session.annotations)}
            occurrences={occurrences.length}
            rival={rivalOf(selected, annotations)}
            onKeep={() => {
              const rival = rivalOf(selected, annotations);
              if (rival) report(session.remove([rival.id]));
            }}
            onEdit={(patch, from) => {
              const saving = session.update(selected.id, patch, from);
              report(saving);
              return saving;
            }}
            onRetag={(label) => report(session.retag(selected.id, label))}
            onDelete={() => report(session.remove([selected.id]))}
            onTagAll={() => report(session.tag(selected.label, occurrences, selected.attrs))}
            onJump={(id) => select(id, true)}
            onReattach={() => report(reattachToSelection(editor, session, selected.id))}
          />
        ) : null}
      </div>
      {menu ? (
        <Menu
          state={menu}
          annotations={session.annotations}
          onClose={() => setMenu(null)}
          onTag={keyActions.tag}
          onPick={(id) => select(id, false)}
          onRetag={(id, label) => report(session.retag(id, label))}
          onDelete={(id) => report(session.remove([id]))}
          titles={LABEL_TITLES}
        />
      ) : null}
    </div>
  );
}
