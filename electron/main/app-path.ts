import { extname, resolve, sep } from 'node:path';

/** The one host the app:// scheme answers for. */
export const APP_HOST = 'spanwise';

/**
 * Maps an app:// URL to a file under the renderer's build folder, or null. Kept free of Electron
 * so the rules are unit-tested under Node. Anything odd is refused rather than cleaned up: the
 * build output has plain relative names only, so a request with '..', '.', an empty segment, a
 * backslash, a drive letter, a control character or a hidden name can only be a probe.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return null;
  // The raw path, not parsed.pathname: the URL parser folds '..' segments away before we could see them.
  const raw = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path === '' || path === '/') path = '/index.html';
  if (!path.startsWith('/')) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '' || s.startsWith('.') || /[\\:\u0000-\u001f\u007f]/.test(s))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  // Belt and braces: after the checks above nothing can resolve outside, but the file system is the last word.
  if (!full.startsWith(base + sep)) return null;
  return full;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** No remote source of any kind: scripts, styles, fonts, images and connections stay inside the app. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Schemes whose requests are cancelled in every session: the app never talks to a network. */
export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];
