import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../core/testing/tmp';
import { CONTENT_SECURITY_POLICY } from './app-path';
import { readRendererFile, serveAppRequest } from './app-protocol';

const tmp = useTmpDir();
const SECRET = 'the-secret-outside-the-build';

/**
 * A build folder, a secret beside it, and decoys inside it where a handler that clamped a
 * traversal (instead of refusing it) would land: such a handler answers 200 and fails here.
 */
function layout(): string {
  const dir = tmp();
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'windows'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Spanwise</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'bytes');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'etc', 'passwd'), SECRET);
  writeFileSync(join(root, 'windows', 'win.ini'), SECRET);
  writeFileSync(join(root, '.env'), SECRET);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  return root;
}

const get = (url: string) => ({ method: 'GET', url });

async function expectRefused(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(await response.text()).not.toContain(SECRET);
}

describe('the app:// handler', () => {
  it('serves the build with its MIME type and the CSP header', async () => {
    const root = layout();
    const cases: [string, string, string][] = [
      ['app://spanwise/', 'text/html; charset=utf-8', '<title>Spanwise</title>'],
      ['app://spanwise/index.html', 'text/html; charset=utf-8', '<title>Spanwise</title>'],
      ['app://spanwise/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://spanwise/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://spanwise/assets/blob.bin', 'application/octet-stream', 'bytes'],
    ];
    for (const [url, type, body] of cases) {
      const response = await serveAppRequest(new Request(url), root, readRendererFile);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(await response.text(), url).toContain(body);
    }
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'get'])('answers %s with 405, still under the CSP', async (method) => {
    const root = layout();
    const response = await serveAppRequest({ method, url: 'app://spanwise/index.html' }, root, readRendererFile);
    await expectRefused(response, 405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it.each([
    'app://spanwise/../secret.txt',
    'app://spanwise/%2e%2e/secret.txt',
    'app://spanwise/%2e%2e/%2e%2e/etc/passwd',
    'app://spanwise/assets/..%2F..%2Fsecret.txt',
    'app://spanwise/..%5Csecret.txt',
    'app://spanwise/..\\secret.txt',
    'app://spanwise/assets\\..\\..\\secret.txt',
    'app://spanwise//etc/passwd',
    'app://spanwise/%2Fetc%2Fpasswd',
    'app://spanwise/C:%5Cwindows%5Cwin.ini',
    'app://spanwise/secret.txt%00.js',
    'app://spanwise/.env',
    'app://spanwise.evil/secret.txt',
    'app://evil/secret.txt',
  ])('refuses %s with 404 (raw, as no URL parser cleaned it)', async (url) => {
    const root = layout();
    await expectRefused(await serveAppRequest(get(url), root, readRendererFile), 404);
  });

  it('refuses encoded separators that survive the Fetch API parser, as Electron hands requests over', async () => {
    const root = layout();
    for (const url of ['app://spanwise/assets/..%2F..%2Fsecret.txt', 'app://spanwise/..%5C..%5Csecret.txt', 'app://spanwise/assets%5C..%5C..%5Csecret.txt']) {
      const request = new Request(url);
      expect(request.url).toMatch(/%2F|%5C/);
      await expectRefused(await serveAppRequest(request, root, readRendererFile), 404);
    }
  });

  it('answers 404 for a missing file or a folder, never an error page', async () => {
    const root = layout();
    await expectRefused(await serveAppRequest(get('app://spanwise/assets/missing.js'), root, readRendererFile), 404);
    await expectRefused(await serveAppRequest(get('app://spanwise/assets'), root, readRendererFile), 404);
    await expectRefused(await serveAppRequest(get('app://spanwise/index.html/x'), root, readRendererFile), 404);
  });

  it('answers 404, not a rejection, for a name too long for the file system and a symlink loop', async () => {
    const root = layout();
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    await expectRefused(await serveAppRequest(get(`app://spanwise/${'a'.repeat(5000)}.js`), root, readRendererFile), 404);
    await expectRefused(await serveAppRequest(get('app://spanwise/loop-a'), root, readRendererFile), 404);
  });
});
