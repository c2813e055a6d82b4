import { useEffect, useState } from 'react';
import type { ArticleProvenance } from '../../../shared/ipc/provenance';
import { call } from '../api/client';

/** Where the open article came from (its original file, hash, importer, who and when), and a way to save that file. */
export function ProvenanceDetails({ articleId }: { articleId: string }) {
  const [provenance, setProvenance] = useState<ArticleProvenance | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('provenance/get', { id: articleId })
      .then((r) => live && setProvenance(r.provenance))
      .catch((err: Error) => live && setMessage(err.message));
    return () => {
      live = false;
    };
  }, [articleId]);

  const save = () => {
    call('provenance/saveOriginal', { id: articleId })
      .then((r) => setMessage(r.saved ? `Saved ${r.saved.bytes} bytes to ${r.saved.file}` : null))
      .catch((err: Error) => setMessage(err.message));
  };

  if (provenance === undefined && message === null) return null;
  return (
    <section className="provenance" aria-label="Provenance">
      <h2>Original file</h2>
      {provenance ? (
        <dl>
          <dt>File</dt>
          <dd>{provenance.fileName}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code>{provenance.sha256}</code>
          </dd>
          <dt>Size</dt>
          <dd>{provenance.size} bytes</dd>
          <dt>Read as</dt>
          <dd>{provenance.importer}</dd>
          <dt>Imported</dt>
          <dd>
            {provenance.importedAt.slice(0, 16).replace('T', ' ')}
            {provenance.importedBy ? ` by ${provenance.importedBy}` : ''}
            {provenance.origin ? ` (${provenance.origin})` : ''}
          </dd>
        </dl>
      ) : (
        <p className="hint">Imported before Spanwise kept original files.</p>
      )}
      {provenance?.kept ? (
        <button type="button" onClick={save}>
          Save original…
        </button>
      ) : provenance ? (
        <p className="hint">Too large to keep: only its hash is known.</p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
