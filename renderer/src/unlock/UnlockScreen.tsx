import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LockState } from '../../../shared/ipc/library';
import { call } from '../api/client';
import { applyTheme, storedTheme } from '../shell/theme';
import './unlock.css';

/**
 * Asks for an encrypted library's passphrase. A wrong one is said so and can be tried again as
 * often as needed; nothing is counted or locked. The keychain option is offered only where the
 * system has a keychain the app trusts.
 */
export function UnlockScreen({ state, onUnlocked }: { state: LockState; onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  // The app's theme picker is not shown yet; the analyst's choice holds here too.
  useEffect(() => applyTheme(storedTheme()), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || passphrase === '') return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('library/unlock', { passphrase, remember: remember && state.canRemember });
      if (result.unlocked) {
        onUnlocked();
        return;
      }
      setError(result.reason ?? 'The library did not open.');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
    // Typed again from scratch more often than edited: select it all.
    requestAnimationFrame(() => field.current?.select());
  };

  return (
    <main className="unlock" aria-labelledby="unlock-title">
      <form className="unlock-card" onSubmit={(e) => void submit(e)}>
        <h1 id="unlock-title">Unlock the library</h1>
        <p className="unlock-which">
          <span className="unlock-file">{state.library}</span> is encrypted. Type its passphrase to open it.
        </p>
        <label htmlFor="unlock-passphrase">Passphrase</label>
        <input
          id="unlock-passphrase"
          ref={field}
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          value={passphrase}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'unlock-error' : 'unlock-keychain'}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        {state.canRemember ? (
          <label className="unlock-remember">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember it in this computer&apos;s keychain
          </label>
        ) : (
          <p id="unlock-keychain" className="unlock-note">
            This system has no keychain Spanwise trusts, so the passphrase is asked at every start and kept nowhere.
          </p>
        )}
        <div className="unlock-actions">
          <button type="submit" disabled={busy || passphrase === ''}>
            Unlock
          </button>
          <span role="status" className="unlock-status">
            {busy ? 'Opening the library…' : ''}
          </span>
        </div>
        <p id="unlock-error" role="alert" className="error unlock-error">
          {error ?? ''}
        </p>
      </form>
    </main>
  );
}
