/**
 * The decisions behind scripts/electron-native.ts, kept pure so they are unit-tested: which
 * environment the build runs in, and whether the addon in native/ is still the right one.
 */

/**
 * npm settings that steer node-gyp and prebuild-install. Under `npm start` npm hands its whole
 * configuration to the script as npm_config_* variables; nodedir among them points node-gyp at
 * Node's headers, so an "Electron" build would come out with Node's ABI.
 */
const BUILD_SETTINGS = new Set([
  'nodedir',
  'target',
  'target_arch',
  'target_platform',
  'target_libc',
  'runtime',
  'disturl',
  'dist_url',
  'arch',
  'platform',
  'libc',
  'build_from_source',
  'node_gyp',
  'devdir',
]);

/** The environment without npm's build settings (npm writes them with - or _, in any case). */
export function cleanBuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => {
      const match = /^npm_config_(.+)$/i.exec(key);
      return !match || !BUILD_SETTINGS.has((match[1] as string).toLowerCase().replace(/-/g, '_'));
    }),
  );
}

/** What an addon in native/ was built for; a build for anything else is thrown away and redone. */
export interface NativeStamp {
  electron: string;
  /** NODE_MODULE_VERSION of that Electron (its abi_version file): what the addon must match. */
  abi: string;
  platform: string;
  arch: string;
  /** The SQLite binding's npm package: a build of plain better-sqlite3 of the same version cannot open an encrypted library. */
  sqlitePackage: string;
  betterSqlite3: string;
}

export function needsBuild(found: unknown, wanted: NativeStamp, addonExists: boolean): boolean {
  if (!addonExists || typeof found !== 'object' || found === null) return true;
  const stamp = found as Record<string, unknown>;
  return (Object.keys(wanted) as (keyof NativeStamp)[]).some((key) => stamp[key] !== wanted[key]);
}

/** native/electron-<version>: the one folder the app looks in, and the only one a package ships. */
export function nativeDirName(electronVersion: string): string {
  return `electron-${electronVersion}`;
}
