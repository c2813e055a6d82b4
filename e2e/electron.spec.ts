import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Electron downloads its binary lazily; where it could not, this says so instead of pretending. */
function electronBinary(): { path: string | null; reason: string } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: `Electron's binary is not installed (no ${pathFile}); it is downloaded on first use, which needs a connection` };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { path: null, reason: `Electron's binary is missing at ${binary}` };
  if (!existsSync(join(process.cwd(), 'native'))) return { path: null, reason: 'better-sqlite3 has not been built for Electron (run "node scripts/electron-native.mjs")' };
  return { path: binary, reason: '' };
}

const binary = electronBinary();

test('the Electron app opens its window with the security settings and the sample library', async () => {
  if (!binary.path) console.log(`Electron spec skipped: ${binary.reason}`);
  test.skip(!binary.path, binary.reason);
  const userData = mkdtempSync(join(tmpdir(), 'spanwise-electron-'));
  try {
    const app = await electron.launch({ executablePath: binary.path as string, args: ['.', `--user-data-dir=${userData}`] });
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: 'Import' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/spanwise\//);
    // What the page can reach tells whether isolation holds: no Node, no Electron, only the bridge.
    const reach = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { spanwise?: object }).spanwise ?? {}).length > 0,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', bridge: true });
    const blocked = await window.evaluate(() => fetch('https://example.org/').then(() => 'reached', () => 'blocked'));
    expect(blocked).toBe('blocked');
    await app.close();
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
