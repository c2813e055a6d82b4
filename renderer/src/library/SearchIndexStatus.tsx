import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchIndexStatus as Status } from '../../../shared/ipc/library';
import { call } from '../api/client';

const POLL_MS = 1000;

/**
 * The search index being rebuilt after an upgrade, with its progress and a pause. Shown only
 * while a rebuild is pending; searches work all along (from the previous index until then), so
 * this says so rather than asking the analyst to wait.
 */
export function SearchIndexStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | null>(null);

  const poll = useCallback(() => {
    call('library/searchIndex', {})
      .then((s) => {
        setStatus(s);
        // Nothing pending is the usual case: one call at start, then no more polling.
        if (s.state !== 'ready') timer.current = window.setTimeout(poll, POLL_MS);
      })
      .catch(() => setStatus(null));
  }, []);

  useEffect(() => {
    poll();
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [poll]);

  if (status === null || status.state === 'ready') return null;
  const paused = status.state === 'paused';
  const toggle = () => {
    setBusy(true);
    call('library/pauseSearchIndex', { paused: !paused })
      .then(setStatus)
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  const counts = `${status.done.toLocaleString('en')} of ${status.total.toLocaleString('en')} articles`;
  return (
    <section className="search-index" aria-label="Search index">
      <span>
        {status.state === 'failed'
          ? `Search index: the rebuild stopped (${status.error ?? 'unknown reason'}); searches use the previous index, and it is tried again at the next start.`
          : paused
            ? `Search index: paused at ${counts}. Searches use the previous index meanwhile.`
            : `Search index: rebuilding, ${counts}. Searches use the previous index meanwhile.`}
      </span>
      <progress aria-label="Search index progress" max={status.total || 1} value={status.done} />
      {status.state === 'failed' ? null : (
        <button type="button" disabled={busy} onClick={toggle}>
          {paused ? 'Resume search index' : 'Pause search index'}
        </button>
      )}
    </section>
  );
}
