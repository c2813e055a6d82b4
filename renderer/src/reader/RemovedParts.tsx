import { useEffect, useState } from 'react';
import type { ListedRemoval, RemovedKind } from '../../../shared/ipc/provenance';
import { call } from '../api/client';

const KIND_NAMES: Record<RemovedKind, string> = {
  teaser: 'Teaser',
  notice: 'Notice',
  credit: 'Post credit',
  share: 'Share button',
  media_link: 'Media link',
  page_block: 'Page block',
  embed: 'Embedded post',
  headline: 'Headline',
};

export interface RemovedPartsProps {
  articleId: string;
  /** The article's current text: the list is read again whenever it changes. */
  text: string;
  /** Makes the correction (undoable, annotations moved with their text). */
  onPutBack(text: string): Promise<void>;
}

/**
 * What the extraction took out of the article as page furniture, each with a way to put it back
 * into the text where it stood (or at the end, when where it stood is not known).
 */
export function RemovedParts({ articleId, text, onPutBack }: RemovedPartsProps) {
  const [removed, setRemoved] = useState<ListedRemoval[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('provenance/removed', { id: articleId })
      .then((r) => live && setRemoved(r.removed))
      .catch((err: Error) => live && setMessage(err.message));
    return () => {
      live = false;
    };
  }, [articleId, text]);

  if (!removed || removed.length === 0) return message ? <p role="alert">{message}</p> : null;

  const putBack = (r: ListedRemoval) => {
    setBusy(true);
    const next = text.slice(0, r.at) + r.before + r.text + r.after + text.slice(r.at);
    onPutBack(next)
      .then(() => setMessage(`Put back: ${r.text}`))
      .catch((err: Error) => setMessage(err.message))
      .finally(() => setBusy(false));
  };

  return (
    <section className="removed-parts" aria-label="Removed on import">
      <h2>Removed on import</h2>
      <ul>
        {removed.map((r) => (
          <li key={r.seq}>
            <span className="kind">{KIND_NAMES[r.kind]}</span> <q>{r.text}</q>{' '}
            {r.inText ? (
              <span className="hint">in the text</span>
            ) : (
              <button type="button" disabled={busy} aria-label={`Put back ${r.text}`} onClick={() => putBack(r)}>
                {r.located ? 'Put back' : 'Put back at the end'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
