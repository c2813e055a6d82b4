import { useCallback, useState } from 'react';
import type { Disagreement, Resolution, ResolutionInput } from '../../../shared/ipc/figures';
import { call } from '../api/client';

export interface ResolutionUndo {
  id: string;
  previous: Resolution | null;
  label: string;
}

/**
 * Resolving disagreements with an undo of the last decision, as the Figures view and the reader
 * both offer it: Resolve records the decision, Undo puts back what was there before (none, or an
 * earlier decision). `onChanged` hears every change so the caller reads its list again.
 */
export function useResolutions(onChanged: () => void) {
  const [resolving, setResolving] = useState<Disagreement | null>(null);
  const [undo, setUndo] = useState<ResolutionUndo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = useCallback(
    async (d: Disagreement, resolution: ResolutionInput) => {
      const { previous } = await call('figures/resolve', { id: d.id, resolution });
      setUndo({ id: d.id, previous, label: `${d.counts} ${d.unit}` });
      setResolving(null);
      onChanged();
    },
    [onChanged],
  );

  const undoLast = useCallback(async () => {
    if (!undo) return;
    try {
      await call('figures/restoreResolution', { id: undo.id, resolution: undo.previous });
      setUndo(null);
      setError(null);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  }, [undo, onChanged]);

  return { resolving, setResolving, undo, save, undoLast, error, setError };
}
