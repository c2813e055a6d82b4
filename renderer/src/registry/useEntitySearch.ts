import { useEffect, useState } from 'react';
import type { EntityHit, EntityKind } from '../../../shared/ipc/entities';
import { call } from '../api/client';

const LIMIT = 20;

/**
 * Type-ahead over the registry's names and aliases. Every keystroke asks the store (it answers
 * within milliseconds over 10,000 entities); an answer overtaken by a later keystroke is dropped.
 * `revision` asks again after the registry changed.
 */
export function useEntitySearch(query: string, kind: EntityKind, revision = 0): { hits: EntityHit[]; error: string | null } {
  const [result, setResult] = useState<{ hits: EntityHit[]; error: string | null }>({ hits: [], error: null });
  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed === '') {
      setResult({ hits: [], error: null });
      return;
    }
    let live = true;
    call('entities/search', { query: trimmed, kind, limit: LIMIT })
      .then((answer) => live && setResult({ hits: answer.hits, error: null }))
      .catch((err: Error) => live && setResult({ hits: [], error: err.message }));
    return () => {
      live = false;
    };
  }, [trimmed, kind, revision]);
  return result;
}
