import { z } from 'zod';

/**
 * Opening an encrypted library in the app (DESIGN.md "Security rules"): until it is unlocked,
 * these two channels are the only ones answered; every other call is refused with code "locked".
 */
export const LockState = z.object({
  locked: z.boolean(),
  /** The library's file name, to say which library asks for a passphrase. */
  library: z.string(),
  /**
   * Whether the passphrase can be kept in the system's keychain (Electron's safeStorage over a
   * real keychain; never Linux's "basic_text" fallback). False: it is asked at every start.
   */
  canRemember: z.boolean(),
});
export type LockState = z.infer<typeof LockState>;

export const UnlockResult = z.object({
  unlocked: z.boolean(),
  /** Why it did not open (a wrong passphrase, a damaged library), for people; null once open. */
  reason: z.string().nullable(),
});
export type UnlockResult = z.infer<typeof UnlockResult>;

export const libraryLockContract = {
  'library/lockState': { input: z.object({}).strict(), output: LockState },
  /** Tries the passphrase; as many tries as the analyst wants (nothing is ever locked out or wiped). */
  'library/unlock': {
    input: z.object({ passphrase: z.string().min(1).max(4096), remember: z.boolean() }).strict(),
    output: UnlockResult,
  },
} as const;

/**
 * The article search index while it is rebuilt in the background (after an upgrade that changes
 * it: electron/core/store/search-rebuild.ts). Searches work all along, from the old index until
 * the new one is complete. `done`/`total` count articles; both 0 when `ready`. A pause holds
 * until the app is closed; `failed` (with `error`) leaves the old index answering and tries
 * again at the next start.
 */
export const SearchIndexStatus = z.object({
  state: z.enum(['ready', 'rebuilding', 'paused', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type SearchIndexStatus = z.infer<typeof SearchIndexStatus>;

export const searchIndexContract = {
  'library/searchIndex': { input: z.object({}).strict(), output: SearchIndexStatus },
  'library/pauseSearchIndex': { input: z.object({ paused: z.boolean() }).strict(), output: SearchIndexStatus },
} as const;
