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
