import type { Platform } from '../services/handlers';

/** A platform whose dialogs are all cancelled, for tests that do not exercise them. */
export function quietPlatform(author: string, overrides: Partial<Platform> = {}): Platform {
  return {
    author,
    pickImportFiles: async () => [],
    pickExportTarget: async () => null,
    pickBackupTarget: async () => null,
    pickBackupSource: async () => null,
    restoreStaged: () => {},
    pickOriginalTarget: async () => null,
    ...overrides,
  };
}
