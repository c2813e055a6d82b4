import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $createRangeSelectionFromDom, $setSelection } from 'lexical';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { parseFigure } from '../../../shared/figures';
import { LABEL_TITLES, type Annotation, type AnyAttrs, type Label } from '../../../shared/model';
import { $readText, $selectionOffsets, findOccurrences, idsAtDomTarget, snapSpan } from '../editor';
import { AnnotationsPanel } from './AnnotationsPanel';
import { ArticleHeader } from './ArticleHeader';
import { Details } from './Details';
import { Menu, type MenuState } from './Menu';
import type { ReaderSession } from './session';
import { Toolbar } from './Toolbar';
import { useEditorSync } from './useEditorSync';
import { useReaderKeys } from './useReaderKeys';

/** The other version of a conflicted annotation, whichever side of the conflict it is on. */
function rivalOf(a: Annotation, all: Annotation[]): Annotation | null {
  return all.find((x) => (a.conflictOf !== null && x.id === a.conflictOf) || x.conflictOf === a.id) ?? null;
}

export interface ReaderViewProps {
  session: ReaderSession;
  focusId: string | null;
  onChanged(): void;
  onDeleted(token: string, articles: number): void;
}

export function ReaderView({ session, focusId, onChanged, onDeleted }: ReaderViewProps) {
  const [editor] = useLexicalComposerContext();
  const [correcting, setCorrecting] = useState(false);
  const [menu, setMenu] = useState<MenuState | null>(null);
  useSyncExternalStore(session.subscribe, session.getVersion);
  useEditorSync(editor, session, correcting);

  const annotations = session.list();
  const selected = session.selectedId ? session.annotations.get(session.selectedId) ?? null : null;
  const text = session.article.text;

  /** The current text selection in the reader as a snapped span of the canonical text. */
  const selectedSpan = useCallback((): { start: number; end: number } | null => {
    const dom = window.getSelection();
    const root = editor.getRootElement();
    if (!dom || dom.isCollapsed || !root || !dom.anchorNode || !root.contains(dom.anchorNode)) return null;
    let offsets: { start: number; end: number } | null = null;
    editor.update(
      () => {
        const selection = $createRangeSelectionFromDom(dom, editor);
        if (!selection) return;
        $setSelection(selection);
        offsets = $selectionOffsets();
        // The reader does not keep a selection of its own: a stale one would be written back
        // into the page at the next refresh and replace what the user selects next.
        $setSelection(null);
      },
      { discrete: true },
    );
    const span = offsets as { start: number; end: number } | null;
    return span ? snapSpan(text, span.start, span.end) : null;
  }, [editor, text]);

  const report = useCallback(<T,>(p: Promise<T>) => {
    p.then(onChanged, () => undefined);
  }, [onChanged]);

  const tag = useCallback(
    (label: Label) => {
      const span = selectedSpan();
      if (!span) {
        // With no text selected, a label key retags the annotation the analyst clicked, never
        // one that was merely selected by tagging it.
        if (selected && session.selectionChosen && selected.label !== label) report(session.update(selected.id, { label }));
        return;
      }
      const attrs: AnyAttrs = label === 'figure' ? { ...(parseFigure(text.slice(span.start, span.end)) ?? {}) } : {};
      window.getSelection()?.removeAllRanges();
      report(session.tag(label, [span], attrs));
    },
    [selectedSpan, selected, session, text, report],
  );

  const occurrences = useMemo(() => {
    if (!selected || selected.status !== 'ok') return [];
    const sameLabel = annotations.filter((a) => a.label === selected.label);
    return findOccurrences(text, selected.quote, sameLabel);
  }, [selected, annotations, text]);

  const select = useCallback(
    (id: string, scroll: boolean) => {
      session.select(id);
      if (!scroll) return;
      const mark = editor.getRootElement()?.querySelector(`mark[data-annotation-ids~="${CSS.escape(id)}"]`);
      mark?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    },
    [session, editor],
  );

  const keyActions = useMemo(
    () => ({
      tag,
      remove: () => selected && report(session.remove([selected.id])),
      undo: () => report(session.undo()),
      redo: () => report(session.redo()),
      next: (delta: 1 | -1) => {
        const i = annotations.findIndex((a) => a.id === session.selectedId);
        const next = annotations[i < 0 ? (delta > 0 ? 0 : annotations.length - 1) : i + delta];
        if (next) select(next.id, true);
      },
    }),
    [tag, selected, session, annotations, select, report],
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

  const finishCorrection = () => {
    const corrected = editor.getEditorState().read(() => $readText());
    setCorrecting(false);
    if (corrected !== text) report(session.correctText(corrected));
  };

  return (
    <div className="reader">
      <div className="reader-main">
        <ArticleHeader article={session.article} annotationCount={annotations.length} onChanged={onChanged} onDeleted={onDeleted} />
        <Toolbar
          onTag={tag}
          onUndo={keyActions.undo}
          onRedo={keyActions.redo}
          canUndo={session.canUndo}
          canRedo={session.canRedo}
          correcting={correcting}
          onCorrect={() => setCorrecting(true)}
          onCorrectDone={finishCorrection}
          onCorrectCancel={() => setCorrecting(false)}
          saving={session.pending > 0}
        />
        {session.error ? (
          <div role="alert" className="error">
            Not saved: {session.error}
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
        <AnnotationsPanel annotations={annotations} selectedId={session.selectedId} onSelect={(id) => select(id, true)} />
        {selected ? (
          <Details
            key={selected.id}
            annotation={selected}
            actors={annotations.filter((a) => a.label === 'actor')}
            occurrences={occurrences.length}
            rival={rivalOf(selected, annotations)}
            onKeep={() => {
              const rival = rivalOf(selected, annotations);
              if (rival) report(session.remove([rival.id]));
            }}
            onChange={(patch, coalesce) => report(session.update(selected.id, patch, coalesce))}
            onDelete={() => report(session.remove([selected.id]))}
            onTagAll={() => report(session.tag(selected.label, occurrences, selected.attrs))}
          />
        ) : null}
      </div>
      {menu ? (
        <Menu
          state={menu}
          annotations={session.annotations}
          onClose={() => setMenu(null)}
          onTag={(label) => tag(label)}
          onPick={(id) => select(id, false)}
          onRetag={(id, label) => report(session.update(id, { label }))}
          onDelete={(id) => report(session.remove([id]))}
          titles={LABEL_TITLES}
        />
      ) : null}
    </div>
  );
}
