import { useCallback, useState } from 'react';
import { call } from '../api/client';
import { plural } from '../../../shared/plural';

/** Backup and restore from the library: each asks the platform for a file, then reports in words. */
export function useBackup(onError: (message: string) => void) {
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(
    async (kind: 'backup' | 'restore') => {
      setBusy(kind);
      setNotice(kind === 'backup' ? 'Backing up the library…' : 'Verifying the backup…');
      try {
        if (kind === 'backup') {
          const { backup } = await call('library/backup', {});
          setNotice(backup ? `Backed up ${plural(backup.articles, 'article')} and ${plural(backup.annotations, 'annotation')} to ${backup.file}.` : null);
        } else {
          const { restore } = await call('library/restore', {});
          setNotice(
            restore
              ? `The backup ${restore.file} is verified (${plural(restore.articles, 'article')}, ${plural(restore.annotations, 'annotation')}). ` +
                  'It replaces this library when Spanwise restarts; the current library is kept beside it.'
              : null,
          );
        }
      } catch (err) {
        setNotice(null);
        onError((err as Error).message);
      } finally {
        setBusy(null);
      }
    },
    [onError],
  );

  return {
    busy,
    notice,
    dismiss: useCallback(() => setNotice(null), []),
    backup: useCallback(() => void run('backup'), [run]),
    restore: useCallback(() => void run('restore'), [run]),
  };
}
