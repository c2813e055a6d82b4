import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../shared/ipc/contract';
import { call } from './client';

const POLL_MS = 120;

/** Follows a background job (import, export) until it ends: progress while it runs, then onEnd. */
export function useJob(onEnd: (job: Job) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);

  const follow = useCallback(
    (started: Job) => {
      setJob(started);
      const tick = () => {
        call('jobs/get', { id: started.id })
          .then((current) => {
            if (current.state === 'running') {
              setJob(current);
              timer.current = window.setTimeout(tick, POLL_MS);
              return;
            }
            setJob(null);
            if (current.state === 'failed') setError(current.error ?? 'failed for an unknown reason');
            onEnd(current);
          })
          .catch((err: Error) => {
            setJob(null);
            setError(err.message);
          });
      };
      timer.current = window.setTimeout(tick, POLL_MS);
    },
    [onEnd],
  );

  const start = useCallback(
    (request: Promise<Job | null>) => {
      setError(null);
      request.then((j) => j && follow(j)).catch((err: Error) => setError(err.message));
    },
    [follow],
  );

  const cancel = useCallback(() => {
    if (job) void call('jobs/cancel', { id: job.id }).catch(() => undefined);
  }, [job]);

  return { job, error, start, cancel, clearError: () => setError(null) };
}
