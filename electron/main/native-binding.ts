import { basename, dirname, join } from 'node:path';

/**
 * Where the SQLite binding's addon (better-sqlite3-multiple-ciphers) built for this Electron lives (scripts/electron-native.ts). In
 * a package, app.getAppPath() is .../resources/app.asar, and the addon is unpacked beside it
 * (electron-builder.yml, asarUnpack): a native module cannot be loaded from inside an archive.
 */
export function nativeBindingPath(appPath: string, electronVersion: string): string {
  const root = basename(appPath) === 'app.asar' ? join(dirname(appPath), 'app.asar.unpacked') : appPath;
  return join(root, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}
