// Builds the SQLite binding (better-sqlite3-multiple-ciphers: better-sqlite3's API over
// SQLite3MultipleCiphers, for encrypted libraries) a second time, for Electron's ABI, into
// native/electron-<version>/, leaving node_modules' Node build alone for the tests and the command
// line. The app picks this copy with the binding's nativeBinding option. Needs the network once (a prebuilt binary, or Electron's
// headers to compile against).
import { rebuild } from '@electron/rebuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { cleanBuildEnv, nativeDirName, needsBuild, type NativeStamp } from './native-build';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
const sqliteDir = dirname(require.resolve(`${SQLITE_PACKAGE}/package.json`));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string };

const wanted: NativeStamp = {
  electron: readJson(join(electronDir, 'package.json')).version,
  // Electron's own record of its NODE_MODULE_VERSION, so no lookup table can be out of date.
  abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
  platform: process.platform,
  arch: process.arch,
  sqlitePackage: SQLITE_PACKAGE,
  betterSqlite3: readJson(join(sqliteDir, 'package.json')).version,
};

const nativeRoot = resolve('native');
const outDir = join(nativeRoot, nativeDirName(wanted.electron));
const addon = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');
const stamp: unknown = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null;

if (!needsBuild(stamp, wanted, existsSync(addon))) process.exit(0);

// @electron/rebuild hands this process's environment to prebuild-install and node-gyp.
const env = cleanBuildEnv(process.env);
for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];

// A private copy to build in: node_modules' own build stays the Node one.
const stage = resolve('.tmp', 'better-sqlite3-electron');
rmSync(stage, { recursive: true, force: true });
const staged = join(stage, 'node_modules', SQLITE_PACKAGE);
cpSync(sqliteDir, staged, { recursive: true, filter: (p) => !/[\\/](build|prebuilds)([\\/]|$)/.test(p.slice(sqliteDir.length)) });
writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'spanwise-native-stage', private: true, dependencies: { [SQLITE_PACKAGE]: wanted.betterSqlite3 } }));

console.log(`building ${SQLITE_PACKAGE} ${wanted.betterSqlite3} for Electron ${wanted.electron} (ABI ${wanted.abi}, ${wanted.platform}-${wanted.arch})`);
await rebuild({ buildPath: stage, electronVersion: wanted.electron, arch: wanted.arch, onlyModules: [SQLITE_PACKAGE], force: true, mode: 'sequential' });

// Only the current build is kept, so a package that ships native/ ships one addon.
if (existsSync(nativeRoot)) for (const old of readdirSync(nativeRoot)) rmSync(join(nativeRoot, old), { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join(staged, 'build', 'Release', 'better_sqlite3.node'), addon);
writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
rmSync(stage, { recursive: true, force: true });
console.log(`${SQLITE_PACKAGE} for Electron ${wanted.electron}: ${addon}`);
