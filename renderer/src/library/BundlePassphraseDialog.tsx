import { useRef, useState, type FormEvent } from 'react';
import type { PassphraseRequest } from '../../../shared/ipc/contract';
import { useModalFocus } from '../a11y/useModalFocus';
import { call } from '../api/client';

/**
 * Asks for the passphrase of an encrypted bundle an import has reached. A wrong one is said so and
 * can be tried again (the import asks anew, and this dialog opens anew with the reason); Skip, or
 * Escape, leaves that bundle out and the import goes on. Focus stays inside while it is open.
 */
export function BundlePassphraseDialog({ jobId, request }: { jobId: string; request: PassphraseRequest }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);

  const answer = async (value: string | null) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // The import answers by asking again (wrong) or by moving on; this dialog closes with it.
      await call('import/passphrase', { id: jobId, passphrase: value });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  // The field takes focus; the buttons and the field are what Tab cycles through.
  useModalFocus(dialog, { initial: 'input', focusables: 'input, button:not([disabled])', onEscape: () => void answer(null) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== '') void answer(passphrase);
  };
  const reason = error ?? request.reason;

  return (
    <div className="dialog-backdrop">
      <div className="dialog passphrase-dialog" role="dialog" aria-modal="true" aria-labelledby="bundle-passphrase-title" aria-describedby="bundle-passphrase-which" ref={dialog}>
        <form onSubmit={submit}>
          <h2 id="bundle-passphrase-title">Encrypted bundle</h2>
          <p id="bundle-passphrase-which">
            <span className="passphrase-file">{request.file}</span> is encrypted. Type its passphrase to import it; without it nothing of the bundle is imported.
          </p>
          <label htmlFor="bundle-passphrase">Bundle passphrase</label>
          <input
            id="bundle-passphrase"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={passphrase}
            aria-invalid={reason !== null}
            aria-describedby={reason !== null ? 'bundle-passphrase-error' : undefined}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <p id="bundle-passphrase-error" role="alert" className="error passphrase-error">
            {reason ?? ''}
          </p>
          <div className="passphrase-actions">
            <button type="submit" disabled={busy || passphrase === ''}>
              Import bundle
            </button>
            <button type="button" disabled={busy} onClick={() => void answer(null)}>
              Skip this bundle
            </button>
            <span role="status">{busy ? 'Opening the bundle…' : ''}</span>
          </div>
        </form>
      </div>
    </div>
  );
}
