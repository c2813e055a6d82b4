import { useEffect, useState, type ReactNode } from 'react';
import type { LockState } from '../../../shared/ipc/library';
import { backendAvailable, call } from '../api/client';
import { UnlockScreen } from './UnlockScreen';

/**
 * Shows the app once the library is open, and the unlock screen before that when it is encrypted
 * and its passphrase was not kept. A plain library passes straight through.
 */
export function LibraryGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LockState | 'open' | 'unknown'>(backendAvailable() ? 'unknown' : 'open');
  useEffect(() => {
    if (state !== 'unknown') return;
    call('library/lockState', {})
      .then((s) => setState(s.locked ? s : 'open'))
      // The app says itself that it cannot reach its library.
      .catch(() => setState('open'));
  }, [state]);
  if (state === 'unknown') return <main className="unlock" aria-busy="true" />;
  if (state === 'open') return <>{children}</>;
  return <UnlockScreen state={state} onUnlocked={() => setState('open')} />;
}
