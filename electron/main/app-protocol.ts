import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppPath } from './app-path';

/** The bytes of a file, or null when there is no such file. */
export type ReadFile = (file: string) => Promise<Uint8Array | null>;

/**
 * Sent with every app:// answer, errors included. The CSP must travel on the Response itself:
 * Electron does not run webRequest.onHeadersReceived for protocol.handle responses.
 */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function plain(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

/**
 * The app:// handler, free of Electron: GET only, files under `root` only. Takes the request's
 * method and URL as given so tests can hand it URLs no parser has cleaned up first.
 */
export async function serveAppRequest(request: Pick<Request, 'method' | 'url'>, root: string, read: ReadFile): Promise<Response> {
  if (request.method !== 'GET') return plain(405, 'method not allowed', { Allow: 'GET' });
  const file = resolveAppPath(root, request.url);
  const body = file ? await read(file) : null;
  if (!file || !body) return plain(404, 'not found');
  return new Response(body, { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': mimeType(file) } });
}

/**
 * Reads from disk (inside app.asar too, in a packaged app); whatever cannot be a file of the
 * build (missing, a folder, a name too long for the file system, a symlink loop) is null, so the
 * answer is a 404 rather than a rejected request.
 */
export const readRendererFile: ReadFile = async (file) => {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') return null;
    throw err;
  }
};
