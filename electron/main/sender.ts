import { APP_HOST } from './app-path';

/** What main knows about the frame behind an IPC call. */
export interface SenderFrame {
  /** The frame's URL; undefined when the frame is already gone. */
  url: string | undefined;
  /** Whether it is the top frame of its window (an iframe never is). */
  isMainFrame: boolean;
}

/**
 * Only the top frame of our own window, loaded from our own scheme and host, may call the
 * backend. The URL is parsed, not prefix-matched: 'app://spanwise.evil/' and
 * 'app://spanwise@evil/' start with the right letters and name another host.
 */
export function isTrustedSender(frame: SenderFrame): boolean {
  if (!frame.isMainFrame || !frame.url) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === 'app:' && url.host === APP_HOST && url.username === '' && url.password === '';
}
