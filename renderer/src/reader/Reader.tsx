import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { EDITOR_NODES } from '../editor';
import { ReaderView } from './ReaderView';
import { ReaderSession } from './session';

export interface ReaderProps {
  articleId: string;
  /** An annotation to select and scroll to once the article is open. */
  focusId?: string | null;
  /** Opened by keyboard: the text takes focus once shown. */
  takeFocus?: boolean;
  /** Tells the library that counts or metadata changed. */
  onChanged(): void;
  onDeleted(token: string, articles: number): void;
  /** Opens another article on one of its annotations (an entity's mention there). */
  onOpen(articleId: string, annotationId: string): void;
  /** Shows an incident's page. */
  onOpenIncident(incidentId: string): void;
}

/**
 * The session this window opened last. A new one waits for it to settle before reading the
 * article: its edits still on their way would otherwise reach the store after the read, and the
 * new session would show the article without them.
 */
let previous: ReaderSession | null = null;

export function Reader({ articleId, focusId, takeFocus = false, onChanged, onDeleted, onOpen, onOpenIncident }: ReaderProps) {
  const [session, setSession] = useState<ReaderSession | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const before = previous?.settled() ?? Promise.resolve();
    before
      .then(() => call('articles/get', { id: articleId }))
      .then((result) => {
        if (!live) return;
        const opened = new ReaderSession(result.article, result.annotations);
        previous = opened;
        setSession(opened);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [articleId]);

  if (error) return <div role="alert" className="error">{error}</div>;
  if (!session) return <div className="empty">Opening…</div>;
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'spanwise-reader',
        nodes: EDITOR_NODES,
        editable: false,
        theme: { paragraph: 'para' },
        onError: (err: Error) => setError(`The reader failed: ${err.message}`),
      }}
    >
      <ReaderView session={session} focusId={focusId ?? null} takeFocus={takeFocus} onChanged={onChanged} onDeleted={onDeleted} onOpenElsewhere={onOpen} onOpenIncident={onOpenIncident} />
    </LexicalComposer>
  );
}
