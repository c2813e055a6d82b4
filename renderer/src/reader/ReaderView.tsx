import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ROLE_TITLES } from '../../../shared/ipc/events';
import { LABEL_TITLES, type Label } from '../../../shared/model';
import { $readText, idsAtDomTarget, SUGGESTION_ATTR } from '../editor';
import { afterPaint, subscribeAfterPaint } from './afterPaint';
import { ArticleHeader } from './ArticleHeader';
import { caretPointOf, placeCaret, registerCaret } from './caret';
import { NOTHING_TO_REDO, NOTHING_TO_REMOVE, NOTHING_TO_UNDO, stepNotice } from './keyFeedback';
import { Menu, type MenuState } from './Menu';
import { panelView, stepFrom } from './panelOrder';
import { reattachToSelection, scrollToAnnotation, tagOrRetag } from './readerActions';
import { ReaderSide } from './ReaderSide';
import { drawRoleMarks } from './roleMarks';
import { ArticleRoles, ROLE_LABEL } from './roles';
import { registerUnloadGuard } from './history';
import type { ReaderSession } from './session';
import { ReaderSuggestions } from './suggestions';
import { Toolbar } from './Toolbar';
import './filter.css';
import { useEditorSync } from './useEditorSync';
import { useReaderKeys } from './useReaderKeys';

export interface ReaderViewProps {
  session: ReaderSession;
  focusId: string | null;
  /** Opened by keyboard: the text takes focus (at the focused annotation, if any) once shown. */
  takeFocus?: boolean;
  onChanged(): void;
  onDeleted(token: string, articles: number): void;
  /** Opens an annotation of another article (an entity's mention there). */
  onOpenElsewhere(articleId: string, annotationId: string): void;
  /** Shows an incident's page: every report of it side by side. */
  onOpenIncident(incidentId: string): void;
}

/** The suggestion mark at a click target, if any. */
function suggestionAt(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  return el?.closest(`[${SUGGESTION_ATTR}]`)?.getAttribute(SUGGESTION_ATTR) ?? null;
}

export function ReaderView({ session, focusId, takeFocus = false, onChanged, onDeleted, onOpenElsewhere, onOpenIncident }: ReaderViewProps) {
  const [editor] = useLexicalComposerContext();
  const [correcting, setCorrecting] = useState(false);
  const [applying, setApplying] = useState(false);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [filter, setFilter] = useState<Label | null>(null);
  /** A request (the L key) to put focus in the selected actor's Linked entity field; `n` tells requests apart. */
  const [linkFocus, setLinkFocus] = useState<{ id: string; n: number } | null>(null);
  const [suggestions] = useState(() => new ReaderSuggestions(session));
  const [roles] = useState(() => new ArticleRoles(session));
  // The text draws a change itself (the editor follows the session directly): this view, its
  // header and toolbar follow after the frame that shows it.
  const subscribeLater = useMemo(() => subscribeAfterPaint(session.subscribe), [session]);
  const sessionVersion = useSyncExternalStore(subscribeLater, session.getVersion);
  const rolesVersion = useSyncExternalStore(roles.subscribe, roles.getVersion);
  const suggestionVersion = useSyncExternalStore(suggestions.subscribe, suggestions.getVersion);
  useEffect(() => suggestions.start(), [suggestions]);
  useEditorSync(editor, session, correcting);
  useEffect(() => registerUnloadGuard(() => session.pending), [session]);

  const annotations = session.list();
  const text = session.article.text;
  // This view renders after the frame that draws a change (subscribeLater), and the side column
  // with it: a key press paints its highlight without waiting for the panel and the details.
  const sideAnnotations = annotations;
  const sideSelectedId = session.selectedId;
  const view = useMemo(() => panelView(sideAnnotations, filter), [sideAnnotations, filter]);

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
      link: () => {
        const id = session.selectedId;
        if (id && session.annotations.get(id)?.label === 'actor') setLinkFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }));
      },
      remove: () => {
        if (session.selectedId) report(session.remove([session.selectedId]));
        else session.notify(NOTHING_TO_REMOVE);
      },
      undo: () => (session.canUndo ? report(session.undo()) : session.notify(NOTHING_TO_UNDO)),
      redo: () => (session.canRedo ? report(session.redo()) : session.notify(NOTHING_TO_REDO)),
      next: (delta: 1 | -1) => {
        const next = stepFrom(view.ordered, session.selectedId, delta);
        if (next && next.id !== session.selectedId) select(next.id, true);
        else session.notify(stepNotice(session.annotations.size, view.ordered.length, filter));
      },
    }),
    [editor, session, view, select, report, filter],
  );
  useReaderKeys(!correcting, keyActions);
  const reattach = useCallback((id: string) => report(reattachToSelection(editor, session, id)), [editor, session, report]);

  useEffect(() => {
    if (focusId && session.annotations.has(focusId)) select(focusId, true);
  }, [focusId, session, select]);

  // The current suggestion is outlined in the text; marks redrawn by the editor get it again.
  useEffect(() => {
    const mark = () => {
      const root = editor.getRootElement();
      if (!root) return;
      for (const el of root.querySelectorAll(`[${SUGGESTION_ATTR}]`)) {
        if (el.getAttribute(SUGGESTION_ATTR) === suggestions.currentId) el.setAttribute('data-current', 'true');
        else el.removeAttribute('data-current');
      }
    };
    mark();
    return editor.registerUpdateListener(mark);
  }, [editor, suggestions, suggestionVersion]);

  // The selected event's roles (or a claim's claimant) are drawn on their highlights: looked up
  // after the frame that paints a selection, and again whenever the editor redraws marks.
  const drawnRoles = useRef<Element[]>([]);
  useEffect(() => {
    const draw = () => {
      const root = editor.getRootElement();
      const selected = session.selectedId ? (session.annotations.get(session.selectedId) ?? null) : null;
      drawnRoles.current = root ? drawRoleMarks(root, roles.drawnFor(selected), drawnRoles.current) : [];
    };
    const unregister = editor.registerUpdateListener(draw);
    const unsubscribe = roles.subscribe(draw);
    const cancel = afterPaint(draw);
    return () => {
      cancel();
      unregister();
      unsubscribe();
    };
  }, [editor, session, roles, session.selectedId]);

  // A picker armed for one event stops when another annotation is chosen; Escape stops it too.
  const armed = roles.armed;
  useEffect(() => {
    if (armed && armed.eventId !== session.selectedId) roles.arm(null);
  }, [armed, roles, session.selectedId]);
  useEffect(() => {
    if (!armed) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      roles.arm(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [armed, roles]);

  const showSuggestion = useCallback(
    (id: string) => {
      editor.getRootElement()?.querySelector(`[${SUGGESTION_ATTR}="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    },
    [editor],
  );

  const showAnnotation = useCallback((id: string) => scrollToAnnotation(editor.getRootElement(), id), [editor]);

  const openMention = useCallback(
    (articleId: string, annotationId: string) => {
      if (articleId === session.article.id) select(annotationId, true);
      else onOpenElsewhere(articleId, annotationId);
    },
    [session, select, onOpenElsewhere],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const openMenuAt = useRef<(x: number, y: number, at: Node | null) => void>(() => undefined);
  openMenuAt.current = (x, y, at) => {
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed) {
      setMenu({ x, y, kind: 'tag', ids: [] });
      return;
    }
    const ids = idsAtDomTarget(at instanceof Element ? at : (at?.parentElement ?? null));
    if (ids.length > 0) setMenu({ x, y, kind: 'annotation', ids });
    else session.notify('No menu here: select text, or move the caret onto a highlight, to open its menu.');
  };
  useEffect(() => {
    let cleanup: (() => void) | null = null;
    const unregister = editor.registerRootListener((root) => {
      cleanup?.();
      cleanup = root && scroller.current ? registerCaret(root, scroller.current, { onMenu: (x, y, at) => openMenuAt.current(x, y, at) }) : null;
    });
    return () => {
      unregister();
      cleanup?.();
    };
  }, [editor]);
  useEffect(() => {
    if (!takeFocus) return;
    const root = editor.getRootElement();
    if (!root) return;
    // Opened at an annotation (a search result): the caret starts at its highlight.
    const mark = focusId ? root.querySelector(`mark[data-annotation-ids~="${CSS.escape(focusId)}"]`) : null;
    if (mark) placeCaret(root, caretPointOf(root, mark, 0));
    root.focus({ preventScroll: mark !== null });
    // Once, when the article is first shown (focusId is fixed for a reader: it is part of its key).
  }, [editor, takeFocus, focusId]);

  const onClick = (e: React.MouseEvent) => {
    if (correcting) return;
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed) return;
    const ids = idsAtDomTarget(e.target);
    if (roles.armed && ids.length > 0) {
      // An armed picker takes the clicked highlight (the innermost of the role's label) and the event stays selected.
      const { eventId, role } = roles.armed;
      const wanted = ROLE_LABEL[role];
      const span = ids.find((id) => session.annotations.get(id)?.label === wanted);
      if (span) report(roles.add(eventId, role, span));
      else session.notify(`Not added: that highlight is not ${wanted === 'actor' ? 'an actor' : `a ${wanted}`}, which ${ROLE_TITLES[role]} takes.`);
      return;
    }
    const suggested = suggestionAt(e.target);
    if (suggested) suggestions.choose(suggested);
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
    <div className="reader" data-picking={armed ? armed.role : undefined}>
      <div className="reader-main">
        <ArticleHeader
          article={session.article}
          annotationCount={annotations.length}
          onChanged={onChanged}
          onDeleted={onDeleted}
          onPutBack={(corrected) => session.correctText(corrected).then(onChanged)}
        />
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
          session={session}
        />
        {session.error ? (
          <div role="alert" className="error">
            Not saved: {session.error}{' '}
            <button type="button" onClick={() => session.dismissError()}>
              Dismiss
            </button>
          </div>
        ) : null}
        <div className="reader-scroll" ref={scroller} data-filter={filter ?? undefined} onClick={onClick} onContextMenu={onContextMenu}>
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className={`reader-text${correcting ? ' correcting' : ''}`}
                aria-label="Article text"
                aria-keyshortcuts="1 2 3 4 Shift+ArrowLeft Shift+ArrowRight"
                tabIndex={0}
                spellCheck={false}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
      </div>
      <ReaderSide
        session={session}
        annotations={sideAnnotations}
        selectedId={sideSelectedId}
        view={view}
        filter={filter}
        onFilter={setFilter}
        onSelect={select}
        onStep={keyActions.next}
        report={report}
        onReattach={reattach}
        suggestions={suggestions}
        onShowSuggestion={showSuggestion}
        linkFocus={linkFocus}
        onOpenMention={openMention}
        roles={roles}
        rolesVersion={rolesVersion}
        sessionVersion={sessionVersion}
        onShow={showAnnotation}
        onOpenIncident={onOpenIncident}
      />
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
