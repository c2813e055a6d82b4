import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const addon = join(process.cwd(), 'native', `electron-${version}`, 'better_sqlite3.node');
  if (!existsSync(addon)) return { path: null, reason: `better-sqlite3 has not been built for Electron ${version} (run "npx tsx scripts/electron-native.ts")` };
  return { path: binary, reason: '' };
}

interface Canary {
  url: string;
  /** Connections and requests that reached it: every one is a leak. */
  hits: () => number;
  close: () => Promise<void>;
}

/** A server on this machine, on a port of its own, that nothing in the app may reach. */
async function startCanary(): Promise<Canary> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.end('reached');
  });
  server.on('connection', () => hits++);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/canary`,
    hits: () => hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const binary = electronBinary();

test.describe('the Electron app', () => {
  let userData = '';
  let canary: Canary;
  let app: ElectronApplication | null = null;

  test.beforeEach(async () => {
    if (!binary.path) console.log(`Electron spec skipped: ${binary.reason}`);
    test.skip(!binary.path, binary.reason);
    userData = mkdtempSync(join(tmpdir(), 'spanwise-electron-'));
    canary = await startCanary();
    app = await electron.launch({ executablePath: binary.path as string, args: ['.', `--user-data-dir=${userData}`] });
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    await canary?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens its window locked down, with the sample library, and reaches no server', async () => {
    const running = app as ElectronApplication;
    const window = await running.firstWindow();
    await expect(window.getByRole('button', { name: 'Import' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/spanwise\//);
    await expect(window.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Port Alden grain terminal/ })).toBeVisible();

    // What Electron itself says it applied to the window, not what the source asks for.
    const prefs = await running.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null } | undefined;
      if (typeof contents?.getLastWebPreferences !== 'function') return 'webContents.getLastWebPreferences() is not available in this Electron';
      const p = contents.getLastWebPreferences() ?? {};
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });

    // What the page can reach tells whether isolation holds: no Node, no Electron, only the bridge.
    const reach = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { spanwise?: object }).spanwise ?? {}).length > 0,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', bridge: true });

    // The CSP travels on app:// responses themselves (meta tags cannot carry all of it).
    const served = await running.evaluate(async ({ net }) => {
      const response = await net.fetch('app://spanwise/index.html');
      return { status: response.status, csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type') };
    });
    expect(served.status).toBe(200);
    expect(served.type).toMatch(/^text\/html/);
    expect(served.csp).toContain("default-src 'none'");
    expect(served.csp).toContain("connect-src 'none'");
    // The page's meta policy would let it fetch its own origin; the header policy does not.
    expect(await window.evaluate(() => fetch('/index.html').then(() => 'reached', () => 'blocked'))).toBe('blocked');

    const fromPage = await window.evaluate(async (url) => {
      const fetched = await fetch(url).then(() => 'reached', () => 'blocked');
      const image = await new Promise<string>((done) => {
        const img = new Image();
        img.onload = () => done('reached');
        img.onerror = () => done('blocked');
        img.src = `${url}.png`;
      });
      const socket = await new Promise<string>((done) => {
        try {
          const ws = new WebSocket(url.replace(/^http/, 'ws'));
          ws.onopen = () => done('reached');
          ws.onerror = () => done('blocked');
        } catch {
          done('blocked');
        }
      });
      return { fetched, image, socket };
    }, canary.url);
    expect(fromPage).toEqual({ fetched: 'blocked', image: 'blocked', socket: 'blocked' });

    // Main's own network paths: the default session (net.fetch) and a session made later.
    const fromMain = await running.evaluate(async ({ net, session }, url) => {
      const attempt = (p: Promise<unknown>) => p.then(() => 'reached', () => 'blocked');
      return {
        netFetch: await attempt(net.fetch(url)),
        probeSession: await attempt(session.fromPartition('persist:probe').fetch(url)),
      };
    }, canary.url);
    expect(fromMain).toEqual({ netFetch: 'blocked', probeSession: 'blocked' });

    expect(canary.hits()).toBe(0);
  });

  test('a second start on the same library hands over to the first window and exits', async () => {
    const running = app as ElectronApplication;
    await running.firstWindow();
    const second = spawn(binary.path as string, ['.', `--user-data-dir=${userData}`], { stdio: 'ignore' });
    const code = await new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => {
        second.kill();
        fail(new Error('the second instance kept running'));
      }, 20_000);
      second.on('exit', (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    expect(code).toBe(0);
    expect(await running.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
