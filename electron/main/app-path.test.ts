import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, resolveAppPath } from './app-path';

const root = resolve('/srv/app/renderer');

describe('resolveAppPath', () => {
  it('serves index.html for the root and files inside the build folder', () => {
    expect(resolveAppPath(root, 'app://spanwise/')).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath(root, 'app://spanwise/assets/index-abc.js')).toBe(resolve(root, 'assets/index-abc.js'));
  });

  it.each([
    'app://spanwise/../secret.txt',
    'app://spanwise/%2e%2e/%2e%2e/etc/passwd',
    'app://spanwise/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://spanwise/..%5C..%5Cwindows',
    'app://spanwise/a%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    const result = resolveAppPath(root, url);
    if (result !== null) expect(result.startsWith(root)).toBe(true);
    else expect(result).toBeNull();
  });

  it('refuses traversal outright rather than clamping it', () => {
    expect(resolveAppPath(root, 'app://spanwise/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows no remote source and no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
  });
});
