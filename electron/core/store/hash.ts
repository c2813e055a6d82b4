import { createHash } from 'node:crypto';

/**
 * sha256 of a canonical text: how the library finds the same text twice. Kept apart from the
 * store's SQL so the parsing worker can hash drafts without loading the database addon.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
