import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppPath } from './app-path';

const root = resolve('/srv/app/renderer');

/** Probes that must be refused outright (null), not clamped into the build folder. */
const HOSTILE_URLS = [
  'app://spanwise/../secret.txt',
  'app://spanwise/assets/../../secret.txt',
  'app://spanwise/%2e%2e/%2e%2e/etc/passwd',
  'app://spanwise/%2E%2E/secret.txt',
  'app://spanwise/assets/..%2F..%2F..%2Fetc%2Fpasswd',
  'app://spanwise/..%5C..%5Cwindows%5Cwin.ini',
  'app://spanwise/assets\\..\\..\\secret.txt',
  'app://spanwise/..\\secret.txt',
  'app://spanwise//etc/passwd',
  'app://spanwise/%2Fetc%2Fpasswd',
  'app://spanwise/C:/Windows/win.ini',
  'app://spanwise/C:%5CWindows%5Cwin.ini',
  'app://spanwise/%5C%5Cserver%5Cshare%5Cx',
  'app://spanwise/index.html%00.js',
  'app://spanwise/a%00',
  'app://spanwise/assets/%0a.js',
  'app://spanwise/./index.html',
  'app://spanwise/.env',
  'app://spanwise/%E0%A4%A',
  'app://user:pw@spanwise/index.html',
  'app://other/index.html',
  'app://spanwise.evil/index.html',
  'file:///etc/passwd',
  'not a url',
];

describe('resolveAppPath', () => {
  it('serves index.html for the root and files inside the build folder', () => {
    expect(resolveAppPath(root, 'app://spanwise/')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://spanwise')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://spanwise/index.html?x=1#top')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://spanwise/assets/index-abc.js')).toBe(resolve(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://spanwise/assets/a%20b.css')).toBe(resolve(root, 'assets', 'a b.css'));
  });

  it.each(HOSTILE_URLS)('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('mimeType', () => {
  it('names the types the build emits and nothing else', () => {
    expect(mimeType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('/x/a.woff2')).toBe('font/woff2');
    expect(mimeType('/x/a.exe')).toBe('application/octet-stream');
    expect(mimeType('/x/Makefile')).toBe('application/octet-stream');
  });
});

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows no remote source and no inline script', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('connect-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|data:|blob:|unsafe-inline|unsafe-eval|\*/);
  });

  it("is matched by the page's own meta policy, which differs only where the test host needs it", () => {
    const html = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const page = directives(meta as string);
    const app = directives(CONTENT_SECURITY_POLICY);
    // A meta policy cannot carry frame-ancestors; the test host's RPC needs connect-src 'self'.
    const expected = new Map([...app].filter(([name]) => name !== 'frame-ancestors'));
    expected.set('connect-src', "'self'");
    expect(page).toEqual(expected);
  });
});
