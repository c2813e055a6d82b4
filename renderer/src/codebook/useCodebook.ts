import { useEffect, useSyncExternalStore } from 'react';
import type { CodebookType } from '../../../shared/codebook';
import { call } from '../api/client';

/**
 * The library's codebook (ACLED's event types and the analyst's own), read once per window and
 * shared by every picker: an addition made in one place shows in all of them.
 */
let types: readonly CodebookType[] = [];
let problem: string | null = null;
let requested = false;
const listeners = new Set<() => void>();

function set(next: readonly CodebookType[], error: string | null): void {
  types = next;
  problem = error;
  for (const l of listeners) l();
}

function load(): void {
  if (requested) return;
  requested = true;
  call('codebook/get', {}).then(
    (answer) => set(answer.types, null),
    (err: Error) => {
      requested = false;
      set(types, `The codebook could not be read: ${err.message}`);
    },
  );
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useCodebook(): { types: readonly CodebookType[]; error: string | null } {
  useEffect(load, []);
  const current = useSyncExternalStore(subscribe, () => types);
  const error = useSyncExternalStore(subscribe, () => problem);
  return { types: current, error };
}

/** Adds a type (and a sub-type of it) to the library's codebook; resolves once every picker has it. */
export async function addToCodebook(type: string, subType?: string): Promise<void> {
  const answer = await call('codebook/add', { type, ...(subType ? { subType } : {}) });
  set(answer.types, null);
}
