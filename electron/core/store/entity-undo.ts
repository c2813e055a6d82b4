import { randomUUID } from 'node:crypto';
import { nowIso } from './articles';
import type { Db } from './db';
import { cached, StoreError } from './db';

/** Registry steps that can be undone, each with what its undo needs (services/entity-undo.ts reads them). */
export type UndoStep = 'merge' | 'split' | 'delete' | 'accept';

/** Undo records older than this are pruned: an undo is for the session at hand, not an archive. */
const KEEP_DAYS = 30;

/** Keeps what undoing a step needs; returns the token that names it. */
export function saveUndo(db: Db, step: UndoStep, payload: unknown): string {
  const token = randomUUID();
  const at = nowIso();
  // By the clock that stamped the records (the app's, not SQLite's): were the two apart, records
  // would be pruned the moment they were made, or never.
  const cutoff = new Date(Date.parse(at) - KEEP_DAYS * 86_400_000).toISOString();
  cached(db, 'DELETE FROM entity_undo WHERE created_at < ?').run(cutoff);
  cached(db, 'INSERT INTO entity_undo (token, step, payload, created_at) VALUES (?, ?, ?, ?)').run(token, step, JSON.stringify(payload), at);
  return token;
}

/** Takes a step's record out (an undo is done once); `not_found` for an unknown or used token. */
export function takeUndo(db: Db, token: string): { step: UndoStep; payload: unknown } {
  const row = cached(db, 'SELECT step, payload FROM entity_undo WHERE token = ?').get(token) as { step: UndoStep; payload: string } | undefined;
  if (!row) throw new StoreError('not_found', `nothing to undo for token ${token} (already undone, or too old)`);
  cached(db, 'DELETE FROM entity_undo WHERE token = ?').run(token);
  return { step: row.step, payload: JSON.parse(row.payload) as unknown };
}
