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
  /** Tells the library that counts or metadata changed. */
  onChanged(): void;
  onDeleted(token: string, articles: number): void;
}

export function Reader({ articleId, focusId, onChanged, onDeleted }: ReaderProps) {
  const [session, setSession] = useState<ReaderSession | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('articles/get', { id: articleId })
      .then((result) => live && setSession(new ReaderSession(result.article, result.annotations)))
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
      <ReaderView session={session} focusId={focusId ?? null} onChanged={onChanged} onDeleted={onDeleted} />
    </LexicalComposer>
  );
}
