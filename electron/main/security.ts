import { app, session, type Session, type WebContents } from 'electron';
import { BLOCKED_URL_PATTERNS } from './app-path';

/** Cancels every network request a session could make; applied to every session that exists. */
export function blockNetwork(target: Session): void {
  target.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
  target.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setSpellCheckerEnabled(false);
  // An empty dictionary URL stops Chromium from ever trying to download one.
  target.setSpellCheckerDictionaryDownloadURL('data:,');
}

/** Called before anything else in main so no session, however created, escapes the policy. */
export function installSecurityPolicy(): void {
  // Chromium's own background traffic (component updates, pings, reporting) is switched off too.
  for (const flag of ['disable-background-networking', 'disable-component-update', 'disable-domain-reliability', 'no-pings']) {
    app.commandLine.appendSwitch(flag);
  }
  app.on('session-created', blockNetwork);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  void app.whenReady().then(() => blockNetwork(session.defaultSession));
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
