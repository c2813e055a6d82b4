import { fold } from '../../../shared/fold';
import type { Db } from './db';

/**
 * Makes `spanwise_fold(text)` known to a connection: text folded as the registry compares names
 * (shared/fold.ts), for filters that must fold every script (SQLite's lower() and LIKE fold ASCII
 * only). Every connection the app, the command line and the tests open goes through openStore,
 * which calls this.
 */
export function registerFold(db: Db): void {
  db.function('spanwise_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : null));
}
