import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../../electron/core/testing/tmp';
import { savePathIn, startHost, type Host } from './server';

const tmp = useTmpDir();
let host: Host | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(saveDir?: string): Promise<Host> {
  const dir = tmp();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  host = await startHost({ dbFile: join(dir, 'library.db'), rendererDir: renderer, ...(saveDir ? { saveDir } : {}) });
  return host;
}

const rpc = (h: Host, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.origin}/__rpc/${channel}`, {
    method: 'POST',
    headers: { Cookie: `spanwise_token=${h.token}`, Origin: h.origin, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('test host', () => {
  it('answers save dialogs: from a test, over HTTP, or with a new file in --save-dir', async () => {
    const h = await start();
    const exportJob = async () => {
      const r = (await h.backend.dispatch('export/dialog', { format: 'jsonl' })) as { ok: true; value: { job: { id: string } | null } };
      return r.value.job;
    };
    // Nothing answered: the dialog was cancelled, and no export starts.
    expect(await exportJob()).toBeNull();
    const out = join(tmp(), 'over-http.jsonl');
    const answered = await fetch(`${h.origin}/__host/save`, {
      method: 'POST',
      headers: { Cookie: `spanwise_token=${h.token}`, Origin: h.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: out }),
    });
    expect(answered.status).toBe(204);
    expect(await exportJob()).not.toBeNull();
    await h.close();

    const dir = tmp();
    const withDir = await start(dir);
    const job = ((await withDir.backend.dispatch('export/dialog', { format: 'csv' })) as { ok: true; value: { job: { id: string } | null } }).value.job;
    expect(job).not.toBeNull();
    for (let i = 0; i < 200 && !readdirSync(dir).some((f) => f.endsWith('.csv')); i++) await new Promise((ok) => setTimeout(ok, 20));
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^spanwise-export-.*\.csv$/)]);
  });

  it('names save answers after the suggested file, a fresh folder for brat', () => {
    const dir = tmp();
    const at = new Date('2026-12-02T15:00:00.000Z');
    expect(savePathIn(dir, 'spanwise-export', '.jsonl', at)).toBe(join(dir, 'spanwise-export-2026-12-02T15-00-00-000Z.jsonl'));
    expect(savePathIn(dir, 'spanwise-export', '', at)).toBe(join(dir, 'spanwise-export-2026-12-02T15-00-00-000Z'));
    expect(readdirSync(dir)).toEqual(['spanwise-export-2026-12-02T15-00-00-000Z']);
  });

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
