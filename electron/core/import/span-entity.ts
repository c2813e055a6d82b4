import type { Label, SpanDraft } from '../../../shared/model';
import { excerpt } from './problems';

/**
 * A dataset span's `entity: {id, kind, name}` (JSONL exports write it on linked spans). An actor
 * span links to an actor, an event's location to a place; anything else is named and ignored,
 * the span itself imports.
 */
export function spanEntity(label: Label, value: unknown, warn: (message: string) => void): SpanDraft['entity'] | undefined {
  if (value === undefined || value === null) return undefined;
  const wanted = label === 'actor' ? 'actor' : label === 'event' ? 'place' : null;
  const e = value as Record<string, unknown>;
  if (typeof value !== 'object' || Array.isArray(value) || typeof e.name !== 'string' || e.name.trim() === '' || e.name.length > 500) {
    warn('entity is not {id, kind, name} with a name of at most 500 characters; ignored');
    return undefined;
  }
  if (!wanted || e.kind !== wanted) {
    warn(`entity kind ${excerpt(String(e.kind))} does not link from a ${label} span${wanted ? ` (expected ${wanted})` : ''}; ignored`);
    return undefined;
  }
  const id = typeof e.id === 'string' && e.id.length > 0 && e.id.length <= 64 ? e.id : undefined;
  return { ...(id ? { id } : {}), kind: wanted, name: e.name.trim() };
}
