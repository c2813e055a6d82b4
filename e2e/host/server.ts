import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { CHANNELS, functionName } from '../../shared/ipc/channels';
import { EXPORT_EXTENSIONS, type ExportFormat } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppPath } from '../../electron/main/app-path';
import type { Backend } from '../../electron/core/services/app';
import { openLibraryGate } from '../../electron/core/services/library-gate';

export interface HostOptions {
  dbFile: string;
  port?: number;
  /** The built renderer (electron-vite build output). */
  rendererDir?: string;
  /** Seed a fresh store with the sample corpus, as the app does on first run. */
  sampleDir?: string;
  author?: string;
  /** Milliseconds each contract call waits before it is handled: a slow store, for tests of what the UI does meanwhile. */
  latencyMs?: number;
  /**
   * A folder that answers every save dialog no test answered: each export (or backup) gets a new
   * file in it, named as the app's dialog would suggest, so the whole app can be tried in a browser.
   */
  saveDir?: string;
}

/** A new path in `dir` for a save dialog's answer: `spanwise-export-<time>.jsonl`, a fresh folder for brat. */
export function savePathIn(dir: string, stem: string, extension: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  if (extension === '') {
    const folder = join(dir, `${stem}-${stamp}`);
    mkdirSync(folder, { recursive: true });
    return folder;
  }
  return join(dir, `${stem}-${stamp}${extension}`);
}

export interface Host {
  url: string;
  origin: string;
  token: string;
  /** The open library's backend (an encrypted library's once the page has unlocked it). */
  readonly backend: Backend;
  /** What the next "Import" file dialog answers; the app would show a native picker here. */
  setDialogAnswer(paths: string[]): void;
  /** What the export save dialog answers (null: the user cancelled). */
  setSaveAnswer(path: string | null): void;
  /** Changes the artificial latency of contract calls (see HostOptions.latencyMs). */
  setLatency(ms: number): void;
  /**
   * Holds every call to these channels unanswered until the returned release is called: a store
   * that has not answered yet for exactly as long as a test needs, with no clock involved.
   */
  hold(channels: string[]): () => void;
  /** Answers the next call to `channel` with a refusal (code "internal") instead of handling it: a store that fails once. */
  refuseNext(channel: string, message: string): void;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;

/** The page may talk only to this server; every other connection is refused by the same CSP the app uses. */
const HOST_CSP = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self'");

/**
 * Serves the built renderer and binds the contract's real handlers over HTTP, so browser tests
 * exercise the same UI, handlers and store as the app; only the transport differs. Listens on
 * 127.0.0.1 only and answers nothing without the random token handed out in the URL.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run "npm run build" first`);
  }
  let dialogAnswer: string[] = [];
  let saveAnswer: string | null = null;
  let latencyMs = options.latencyMs ?? 0;
  const holds = new Set<{ channels: Set<string>; released: Promise<void> }>();
  const refusals = new Map<string, string>();
  // As in the app: an encrypted library stays locked until the page gives its passphrase. The
  // host keeps no passphrase between starts (it has no system keychain to trust).
  const gate = await openLibraryGate(
    options.dbFile,
    {
      author: options.author ?? 'analyst',
      pickImportFiles: async () => dialogAnswer,
      pickExportTarget: async (format: ExportFormat) =>
        saveAnswer ?? (options.saveDir ? savePathIn(options.saveDir, 'spanwise-export', EXPORT_EXTENSIONS[format]) : null),
      pickBackupTarget: async () => saveAnswer ?? (options.saveDir ? savePathIn(options.saveDir, 'spanwise-backup', '.db') : null),
      pickOriginalTarget: async (name: string) => saveAnswer ?? (options.saveDir ? join(options.saveDir, name) : null),
      pickBackupSource: async () => dialogAnswer[0] ?? null,
      // The host cannot restart itself: the restore is applied when a host next starts on this library.
      restoreStaged: () => {},
    },
    options.sampleDir ? { sampleDir: options.sampleDir } : {},
  );
  const token = randomBytes(24).toString('hex');
  const bridge = bridgeScript();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `host error: ${(err as Error).message}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = url.searchParams.get('token') ?? cookieToken(req.headers.cookie);
    if (!given || !sameSecret(given, token)) return send(res, 403, 'text/plain', 'forbidden: missing or wrong token');
    if (url.searchParams.has('token')) res.setHeader('Set-Cookie', `spanwise_token=${token}; HttpOnly; SameSite=Strict; Path=/`);

    if (url.pathname.startsWith('/__rpc/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      if (!sameOrigin(req)) return send(res, 403, 'text/plain', 'forbidden: cross-origin call');
      const channel = decodeURIComponent(url.pathname.slice('/__rpc/'.length));
      const body = await readBody(req);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, { ok: false, error: { code: 'invalid_input', message: `${channel}: body is not JSON` } });
      }
      if (latencyMs > 0) await new Promise((wait) => setTimeout(wait, latencyMs));
      for (const held of [...holds]) if (held.channels.has(channel)) await held.released;
      const refusal = refusals.get(channel);
      if (refusal !== undefined) {
        refusals.delete(channel);
        return sendJson(res, { ok: false, error: { code: 'internal', message: refusal } });
      }
      // A call that was on its way when the host closed (a test's restart) finds no store to answer it.
      if (closing) return send(res, 503, 'text/plain', 'the host is closing');
      return sendJson(res, await gate.dispatch(channel, input));
    }
    if (url.pathname === '/__host/dialog' && req.method === 'POST') {
      if (!sameOrigin(req) && req.headers.origin !== undefined) return send(res, 403, 'text/plain', 'forbidden');
      const parsed = JSON.parse(await readBody(req)) as { paths?: unknown };
      dialogAnswer = Array.isArray(parsed.paths) ? parsed.paths.map(String) : [];
      return send(res, 204, 'text/plain', '');
    }
    if (url.pathname === '/__host/save' && req.method === 'POST') {
      // The save dialog's answer, as /__host/dialog is the open dialog's: {"path": "/tmp/x.jsonl"} or {"path": null}.
      if (!sameOrigin(req) && req.headers.origin !== undefined) return send(res, 403, 'text/plain', 'forbidden');
      const parsed = JSON.parse(await readBody(req)) as { path?: unknown };
      saveAnswer = typeof parsed.path === 'string' ? parsed.path : null;
      return send(res, 204, 'text/plain', '');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
    if (url.pathname === '/__host/bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', bridge);

    const file = resolveAppPath(rendererDir, `app://spanwise${url.pathname}`);
    if (!file || !existsSync(file)) return send(res, 404, 'text/plain', 'not found');
    let content: string | Buffer = readFileSync(file);
    if (file.endsWith('index.html')) {
      // The bridge stands in for Electron's preload: it defines window.spanwise before the app loads.
      content = content.toString('utf8').replace('<head>', '<head><script src="/__host/bridge.js"></script>');
    }
    return send(res, 200, mimeType(file), content);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  // A test may stop a host itself (to start another on the same library) before the fixture does.
  let closing: Promise<void> | undefined;
  const origin = `http://127.0.0.1:${port}`;

  function sameOrigin(req: IncomingMessage): boolean {
    return req.headers.origin === origin;
  }

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    get backend(): Backend {
      const open = gate.current();
      if (!open) throw new Error('the library is locked: the page has not unlocked it yet');
      return open.backend;
    },
    setDialogAnswer: (paths) => {
      dialogAnswer = paths;
    },
    setSaveAnswer: (path) => {
      saveAnswer = path;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    refuseNext: (channel, message) => {
      refusals.set(channel, message);
    },
    hold: (channels) => {
      let release = () => {};
      const held = { channels: new Set(channels), released: new Promise<void>((ok) => (release = ok)) };
      holds.add(held);
      return () => {
        holds.delete(held);
        release();
      };
    },
    close: () =>
      (closing ??= new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          gate.close();
          ok();
        });
      })),
  };
}

function bridgeScript(): string {
  const entries = CHANNELS.map(
    (channel) =>
      `${JSON.stringify(functionName(channel))}: (input) => call(${JSON.stringify(channel)}, input)`,
  ).join(',\n  ');
  return `(() => {
const call = async (channel, input) => {
  const response = await fetch('/__rpc/' + channel, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  return response.json();
};
Object.defineProperty(window, 'spanwise', { value: Object.freeze({
  ${entries}
}), writable: false, configurable: false });
})();`;
}

function cookieToken(cookie: string | undefined): string | null {
  const match = /(?:^|;\s*)spanwise_token=([0-9a-f]+)/.exec(cookie ?? '');
  return match?.[1] ?? null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': HOST_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}
