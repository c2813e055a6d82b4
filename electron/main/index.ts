// The security policy goes in before anything else can open a session or a window.
import { installSecurityPolicy } from './security';
installSecurityPolicy();

import { app, BrowserWindow, dialog, Menu, protocol, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_EXTENSIONS } from '../../shared/ipc/contract';
import type { StagedRestoreOutcome } from '../core/store/backup';
import type { CheckOptions } from '../core/store/check';
import { openLibraryGate, type LibraryGate } from '../core/services/library-gate';
import { safeStorageKeychain } from './keychain';
import { readRendererFile, serveAppRequest } from './app-protocol';
import { importDialogOptions } from './dialogs';
import { bindContract } from './ipc';
import { nativeBindingPath } from './native-binding';
import { checkInBackground, type BackgroundCheck } from '../core/services/background-check';
import { reportCheck } from './library-check';
import { useParserHosts } from '../core/import/pool';
import { utilityParserHosts } from './parser-hosts';

// Standard and secure so 'self' in the CSP means app://spanwise and module scripts load from it.
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '../renderer');
let gate: LibraryGate | null = null;
let fullCheck: BackgroundCheck | null = null;

/** The addon built for Electron's ABI (scripts/electron-native.ts), in a checkout and in a package alike. */
function electronNativeBinding(): string | undefined {
  const file = nativeBindingPath(app.getAppPath(), process.versions.electron);
  return existsSync(file) ? file : undefined;
}

function serveApp(): void {
  protocol.handle('app', (request) => serveAppRequest(request, rendererRoot, readRendererFile));
}

/**
 * Clipboard and window roles. On macOS a text field undoes typing only through the Edit menu's
 * undo and redo roles, so they are there; the page sees Cmd+Z first, and the reader, which undoes
 * annotation operations in the store, prevents the default, so the menu's undo acts only where
 * the reader leaves the key alone (a field being typed in). Elsewhere the page's keys suffice.
 */
function applicationMenu(): Menu {
  const mac = process.platform === 'darwin';
  const history = mac ? [{ role: 'undo' as const }, { role: 'redo' as const }, { type: 'separator' as const }] : [];
  return Menu.buildFromTemplate([
    ...(mac ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { label: 'Edit', submenu: [...history, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { role: 'windowMenu' },
  ]);
}

/**
 * The open checked only what does not grow with the library (core/store/open-check.ts); the full
 * check runs once the window is up, on a thread of its own, and speaks only if it finds damage.
 */
function checkAfterShown(win: BrowserWindow, dbFile: string, options: CheckOptions): void {
  if (fullCheck) return;
  fullCheck = checkInBackground(dbFile, options);
  void reportCheck(dbFile, fullCheck, (options) => dialog.showMessageBox(win, options), (message) => console.log(message));
}

function createWindow(onShown: (win: BrowserWindow) => void = () => undefined): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    // Below this the text, at 60 characters, and the drawers that hold the panels no longer fit.
    minWidth: 800,
    minHeight: 560,
    title: 'Spanwise',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    win.show();
    onShown(win);
  });
  // The reader refuses to unload while changes are still on their way to the store; Electron
  // shows no prompt of its own for that, so ask here, and close only if the analyst says so.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Keep Spanwise open', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'Some changes are still being saved.',
      detail: 'Closing now may lose them. Wait a moment until the status line says Saved.',
    });
    if (choice === 1) event.preventDefault();
  });
  void win.loadURL('app://spanwise/index.html');
}

async function start(): Promise<void> {
  await app.whenReady();
  serveApp();
  // Imports parse in utility processes (parser-hosts.ts), which can be started only once the app is ready.
  useParserHosts(utilityParserHosts(join(here, 'parse-worker.js')));
  const dbFile = join(app.getPath('userData'), 'spanwise.db');
  try {
    const nativeBinding = electronNativeBinding();
    // An encrypted library waits, locked, for its passphrase: the window asks for it (library/unlock).
    gate = await openLibraryGate(
      dbFile,
      {
        author: process.env.SPANWISE_AUTHOR ?? (process.env.USER || process.env.USERNAME || 'analyst'),
        pickImportFiles: async ({ folder }) => {
          const result = await dialog.showOpenDialog(importDialogOptions(folder));
          return result.canceled ? [] : result.filePaths;
        },
        pickExportTarget: async (format) => {
          if (format === 'brat') {
            const result = await dialog.showOpenDialog({ title: 'Export brat standoff into an empty folder', properties: ['openDirectory', 'createDirectory'] });
            return result.canceled ? null : (result.filePaths[0] ?? null);
          }
          const result = await dialog.showSaveDialog({ title: 'Export annotations', defaultPath: `spanwise-export${EXPORT_EXTENSIONS[format]}` });
          return result.canceled ? null : (result.filePath ?? null);
        },
        pickBackupTarget: async () => {
          const day = new Date().toISOString().slice(0, 10);
          const result = await dialog.showSaveDialog({ title: 'Back up the library', defaultPath: `spanwise-backup-${day}.db` });
          return result.canceled ? null : (result.filePath ?? null);
        },
        pickOriginalTarget: async (fileName) => {
          const result = await dialog.showSaveDialog({ title: 'Save the original file', defaultPath: basename(fileName) });
          return result.canceled ? null : (result.filePath ?? null);
        },
        pickBackupSource: async () => {
          const result = await dialog.showOpenDialog({ title: 'Restore the library from a backup', properties: ['openFile'] });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        restoreStaged: () => {
          // The library is swapped before it is opened, so the app restarts to apply the restore.
          void dialog
            .showMessageBox({
              type: 'info',
              message: 'The backup is verified.',
              detail: 'Spanwise restarts now to open it. The library it replaces is kept beside it.',
            })
            .then(() => {
              app.relaunch();
              app.quit();
            });
        },
      },
      {
        ...(nativeBinding ? { nativeBinding } : {}),
        sampleDir: join(app.getAppPath(), 'resources', 'sample'),
        keychain: safeStorageKeychain(safeStorage, join(app.getPath('userData'), 'library-key')),
      },
    );
  } catch (err) {
    // A newer or damaged store is reported and left exactly as it is.
    dialog.showErrorBox('Spanwise cannot open its library', `${dbFile}\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  const opened = gate.opened;
  void opened.then((open) => reportRestore(open.backend.restored));
  bindContract(gate.dispatch);
  Menu.setApplicationMenu(applicationMenu());
  const nativeBinding = electronNativeBinding();
  createWindow((win) => void opened.then((open) => checkAfterShown(win, dbFile, { ...(nativeBinding ? { nativeBinding } : {}), ...(open.passphrase !== undefined ? { passphrase: open.passphrase } : {}) })));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function reportRestore(r: StagedRestoreOutcome | null): void {
  if (!r) return;
  void dialog.showMessageBox(
    r.applied
      ? { type: 'info', message: `Restored ${r.articles} article(s) and ${r.annotations} annotation(s) from the backup.`, detail: r.previous ? `The library it replaced is kept as ${r.previous}` : '' }
      : { type: 'warning', message: 'The chosen backup could not be restored; the library is unchanged.', detail: `${r.reason}\n\nThe copy was set aside as ${r.setAsideAs}` },
  );
}

/** A second start hands over to the window already open rather than opening the library twice. */
function focusExistingWindow(): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  fullCheck?.cancel();
  gate?.close();
});

// Two instances on one library is how people lose work: each holds its own undo history and
// restore staging, and a restore from one would swap the file under the other.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusExistingWindow);
  void start();
} else {
  app.exit(0);
}
