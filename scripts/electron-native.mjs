#!/usr/bin/env node
// Builds better-sqlite3 a second time, for Electron's ABI, into native/electron-<version>/, leaving
// node_modules' Node build alone for the tests and the command line. The app picks this copy
// with better-sqlite3's nativeBinding option. Needs the network once (prebuilt binary or headers).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = resolve('native', `electron-${electronVersion}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = resolve('.tmp', 'better-sqlite3-electron');
rmSync(work, { recursive: true, force: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join('build', '')}`) });
const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
try {
  run(npx, ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
} catch {
  console.log(`no prebuilt better-sqlite3 for Electron ${electronVersion}; compiling it`);
  run(npx, ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
}
mkdirSync(dirname(target), { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
