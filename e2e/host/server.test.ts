import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../../electron/core/testing/tmp';
import { startHost, type Host } from './server';

const tmp = useTmpDir();
let host: Host | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(): Promise<Host> {
  const dir = tmp();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  host = await startHost({ dbFile: join(dir, 'library.db'), rendererDir: renderer });
  return host;
}

const rpc = (h: Host, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.origin}/__rpc/${channel}`, {
    method: 'POST',
    headers: { Cookie: `spanwise_token=${h.token}`, Origin: h.origin, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('test host', () => {
  it('listens on 127.0.0.1 only and refuses requests without the token', async () => {
    const h = await start();
    expect(h.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${h.origin}/`)).status).toBe(403);
    expect((await fetch(`${h.origin}/?token=wrong`)).status).toBe(403);
    const page = await fetch(h.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<script src="/__host/bridge.js"></script>');
  });

  it('binds the real contract: valid calls succeed, malformed ones get coded errors', async () => {
    const h = await start();
    const ok = (await (await rpc(h, 'library/stats', {})).json()) as { ok: boolean };
    expect(ok.ok).toBe(true);
    expect(await (await rpc(h, 'articles/get', { id: 42 })).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await (await rpc(h, 'articles/get', '{not json')).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await (await rpc(h, 'nope/nothing', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses calls from another origin, as main refuses a foreign sender', async () => {
    const h = await start();
    const response = await rpc(h, 'library/stats', {}, { Origin: 'http://127.0.0.1:1' });
    expect(response.status).toBe(403);
  });

  it('refuses paths outside the renderer folder', async () => {
    const h = await start();
    const response = await fetch(`${h.origin}/..%2F..%2Flibrary.db`, { headers: { Cookie: `spanwise_token=${h.token}` } });
    expect(response.status).toBe(404);
  });
});
