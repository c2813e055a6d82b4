import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { join } from 'node:path';
import { BLOCKED_URL_PATTERNS } from './app-path';
import { nativeBindingPath } from './native-binding';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  npmRebuild?: boolean;
  nodeGypRebuild?: boolean;
  asarUnpack?: string[];
  publish?: unknown;
  files?: string[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  [key: string]: unknown;
}

const config = parse(read('../../electron-builder.yml')) as BuilderConfig;

describe('release packaging', () => {
  it("never rebuilds node_modules' addon in place: the tests and the command line need the Node build", () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    const pkg = JSON.parse(read('../../package.json')) as { scripts: Record<string, string> };
    // dist builds native/ first; with npmRebuild off nothing else would make an Electron addon.
    expect(pkg.scripts.dist).toMatch(/^tsx scripts\/electron-native\.ts && /);
    expect(pkg.scripts.start).toMatch(/^tsx scripts\/electron-native\.ts && /);
    expect(pkg.scripts.dist).not.toMatch(/install-app-deps|electron-rebuild|npm rebuild/);
  });

  it('flips the fuses that stop the binary being used as Node or a debuggee', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('is the configuration electron-builder itself loads, and passes its schema', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const loaded = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded.electronFuses).toEqual(config.electronFuses);
    expect(loaded.publish).toBeNull();
    // The schema check is real: a misspelt fuse is refused rather than silently ignored.
    const misspelt = { ...loaded, electronFuses: { ...loaded.electronFuses, runAsNodeX: false } } as typeof loaded;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('publishes nothing and ships no update feed', () => {
    expect(config.publish).toBeNull();
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/electron-updater|"provider"|generateUpdatesFilesForAllChannels|"releaseInfo"/);
    const pkg = JSON.parse(read('../../package.json')) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('electron-updater');
  });

  it('packs the app into an asar with the built output, the sample corpus and the Electron build of the addon, unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/sample/**', 'native/**']));
    expect(config.files).not.toContain('!native/**');
    expect(config.asarUnpack).toEqual(['native/**']);
    // Main looks for the addon where asarUnpack puts it.
    expect(nativeBindingPath('/opt/Spanwise/resources/app.asar', '1.2.3')).toBe(join('/opt/Spanwise/resources/app.asar.unpacked', 'native', 'electron-1.2.3', 'better_sqlite3.node'));
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i);
    expect(config.productName).toBe('Spanwise');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toEqual(['nsis']);
  });
});

describe('window and session security in main', () => {
  const main = read('./index.ts');
  const security = read('./security.ts');

  /** The options object passed to `new BrowserWindow(...)`, as source text. */
  function webPreferences(source: string): string {
    const windowAt = source.indexOf('new BrowserWindow(');
    expect(windowAt).toBeGreaterThan(-1);
    const start = source.indexOf('webPreferences:', windowAt);
    expect(start).toBeGreaterThan(-1);
    return source.slice(start, source.indexOf('}', start));
  }

  it('keeps contextIsolation and sandbox on and nodeIntegration off in every window', () => {
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    const prefs = webPreferences(main);
    expect(prefs).toMatch(/contextIsolation:\s*true/);
    expect(prefs).toMatch(/sandbox:\s*true/);
    expect(prefs).toMatch(/nodeIntegration:\s*false/);
    expect(prefs).toMatch(/webviewTag:\s*false/);
    expect(main).not.toMatch(/nodeIntegration(InWorker|InSubFrames)?:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
  });

  it('serves app:// only through the tested handler, which puts the CSP on each Response', () => {
    expect(main.match(/protocol\.handle\(/g)).toHaveLength(1);
    expect(main).toMatch(/protocol\.handle\('app',\s*\(request\)\s*=>\s*serveAppRequest\(request,\s*rendererRoot,\s*readRendererFile\)\)/);
    // Electron skips onHeadersReceived for protocol.handle responses: a CSP set there would be a false comfort.
    expect(main + security).not.toMatch(/onHeadersReceived/);
  });

  it('runs one instance per library: a second start focuses the first window and exits', () => {
    const lock = main.indexOf('app.requestSingleInstanceLock()');
    expect(lock).toBeGreaterThan(-1);
    // The backend (and so the library) opens only in start(), which runs only with the lock held.
    expect(main.slice(lock)).toMatch(/^app\.requestSingleInstanceLock\(\)\) \{\s*app\.on\('second-instance', focusExistingWindow\);\s*void start\(\);\s*\} else \{\s*app\.exit\(0\);\s*\}/);
    expect(main.match(/void start\(\)/g)).toHaveLength(1);
  });

  it('cancels every http, https, ws and wss request in every session', () => {
    expect([...BLOCKED_URL_PATTERNS].sort()).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    expect(security).toMatch(/onBeforeRequest\(\s*\{\s*urls:\s*BLOCKED_URL_PATTERNS\s*\},[^;]*callback\(\{\s*cancel:\s*true\s*\}\)/);
    expect(security).toMatch(/app\.on\('session-created',\s*blockNetwork\)/);
    expect(main.indexOf('installSecurityPolicy()')).toBeLessThan(main.indexOf('new BrowserWindow('));
  });
});
