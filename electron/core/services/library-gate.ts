import { basename } from 'node:path';
import { CHANNELS, type Channel, type Envelope } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import type { LockState, UnlockResult } from '../../../shared/ipc/library';
import { isEncryptedLibrary, StoreError, type OpenOptions } from '../store/db';
import { startBackend, type Backend } from './app';
import type { Dispatch } from './dispatch';
import type { Platform } from './handlers';

/**
 * Where the app keeps an encrypted library's passphrase between starts: the system's keychain
 * (electron/main/keychain.ts, over Electron's safeStorage). `available` is false where no real
 * keychain is there, and then nothing is kept: the passphrase is asked at every start.
 */
export interface Keychain {
  readonly available: boolean;
  recall(): string | null;
  keep(passphrase: string): void;
  forget(): void;
}

export interface OpenLibrary {
  backend: Backend;
  /** The passphrase it opened with, for what opens the library again (the full check). */
  passphrase: string | undefined;
}

export interface LibraryGate {
  /** Every call from the window: answered by the library once open, refused with "locked" before. */
  dispatch: Dispatch;
  /** The open library, or null while it is locked. */
  current(): OpenLibrary | null;
  /** Settles once the library is open: at once for a plain library or a kept passphrase. */
  opened: Promise<OpenLibrary>;
  close(): void;
}

export type GateOptions = Omit<OpenOptions, 'passphrase'> & { sampleDir?: string; keychain?: Keychain | null };

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);
const WRONG = 'The passphrase is wrong (or the start of the library is damaged). Nothing was changed; try again.';

/**
 * Opens the library as the app and the test host do. A plain library opens at once, as
 * startBackend does. An encrypted one opens with the passphrase the keychain kept, if any and if
 * it still works (a passphrase changed since is forgotten); otherwise it waits, locked, for
 * `library/unlock`. A wrong passphrase is answered as such, as often as it is tried: nothing is
 * counted, locked out or changed. Any other refusal (a damaged or newer library) is thrown as
 * startBackend throws it.
 */
export async function openLibraryGate(dbFile: string, platform: Platform, options: GateOptions = {}): Promise<LibraryGate> {
  const { keychain = null, ...open } = options;
  let library: OpenLibrary | null = null;
  let closed = false;
  let resolveOpened: (open: OpenLibrary) => void = () => undefined;
  const opened = new Promise<OpenLibrary>((resolve) => (resolveOpened = resolve));
  const start = async (passphrase: string | undefined): Promise<OpenLibrary> => {
    const backend = await startBackend(dbFile, platform, { ...open, ...(passphrase !== undefined ? { passphrase } : {}) });
    if (closed) {
      backend.close();
      throw new Error('the app is closing');
    }
    library = { backend, passphrase };
    resolveOpened(library);
    return library;
  };

  if (!isEncryptedLibrary(dbFile)) await start(undefined);
  else {
    const kept = keychain?.available ? safely(() => keychain.recall()) : null;
    if (kept) {
      try {
        await start(kept);
      } catch (err) {
        if (!(err instanceof StoreError && err.code === 'wrong_passphrase')) throw err;
        safely(() => keychain?.forget());
      }
    }
  }

  const state = (): LockState => ({ locked: library === null, library: basename(dbFile), canRemember: keychain?.available ?? false });
  let unlocking: Promise<UnlockResult> | null = null;
  const unlock = async (passphrase: string, remember: boolean): Promise<UnlockResult> => {
    if (library) return { unlocked: true, reason: null };
    try {
      await start(passphrase);
    } catch (err) {
      if (err instanceof StoreError) return { unlocked: false, reason: err.code === 'wrong_passphrase' ? WRONG : err.message };
      throw err;
    }
    if (keychain?.available) safely(() => (remember ? keychain.keep(passphrase) : keychain.forget()));
    return { unlocked: true, reason: null };
  };

  const dispatch: Dispatch = async (channel, input) => {
    if (channel === 'library/lockState') return ok(state());
    if (library) return library.backend.dispatch(channel, input);
    if (channel === 'library/unlock') {
      const parsed = contract['library/unlock'].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: `library/unlock: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}` } };
      // One try at a time: each derives the key, and two at once would open the library twice.
      const previous = unlocking ?? Promise.resolve(null);
      const attempt = previous.then(() => unlock(parsed.data.passphrase, parsed.data.remember));
      unlocking = attempt.catch(() => ({ unlocked: false, reason: null }));
      try {
        return ok(await attempt);
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: `library/unlock failed: ${(err as Error).message}` } };
      }
    }
    if (typeof channel === 'string' && isChannel(channel)) return { ok: false, error: { code: 'locked', message: `${channel}: the library is encrypted and not unlocked yet` } };
    return { ok: false, error: { code: 'unknown_channel', message: `unknown channel "${String(channel).slice(0, 100)}"` } };
  };

  return {
    dispatch,
    current: () => library,
    opened,
    close: () => {
      closed = true;
      library?.backend.close();
    },
  };
}

function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** The keychain is a convenience: when it fails, the passphrase is asked for instead. */
function safely<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
