import { existsSync, readdirSync } from 'node:fs';
import { libraryStats } from '../store/articles';
import { applyStagedRestore, type StagedRestoreOutcome } from '../store/backup';
import { openStore, type Db, type OpenOptions } from '../store/db';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers, type Platform } from './handlers';
import { expandPaths, fileSource, importBatch } from './importer';

export interface Backend {
  db: Db;
  dispatch: Dispatch;
  /** The restore applied at this start, if one was waiting. */
  restored: StagedRestoreOutcome | null;
  close(): void;
}

/**
 * Opens the store and binds the contract's handlers: the same call in Electron main and in the
 * test host, so the two differ only in transport and platform.
 */
export async function startBackend(dbFile: string, platform: Platform, options: OpenOptions & { sampleDir?: string } = {}): Promise<Backend> {
  // The files a backup writes and a restore reads are encrypted with the library's passphrase.
  const binding = { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) };
  // A restore chosen in the previous run is swapped in before the library is opened.
  const restored = await applyStagedRestore(dbFile, binding);
  const db = openStore(dbFile, options);
  if (options.sampleDir) await seedSamples(db, options.sampleDir);
  const dispatch = createDispatch(createHandlers(db, platform, binding), (message, err) => console.error(message, err));
  return { db, dispatch, restored, close: () => db.close() };
}

/** A fresh store gets the sample corpus so a newcomer has something to annotate at once. */
async function seedSamples(db: Db, dir: string): Promise<void> {
  const alreadySeeded = db.pragma('application_id', { simple: true }) !== 0;
  if (alreadySeeded || libraryStats(db).articles > 0 || !existsSync(dir) || readdirSync(dir).length === 0) return;
  const { files } = expandPaths([dir]);
  await importBatch(db, files.map(fileSource), { author: 'Spanwise samples' });
  // Marks the store as seeded so deleting every sample does not bring them back.
  db.pragma('application_id = 1397772631');
}
