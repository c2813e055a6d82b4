import { LABELS, type Annotation, type Label } from '../../../shared/model';

export interface LinkedCount {
  id: string;
  kind: 'actor' | 'place';
  /** The annotations of this article linked to it. */
  mentions: number;
}

/** The entities this article's annotations link to (actors and event places), most mentioned first. */
export function linkedEntities(annotations: readonly Annotation[]): LinkedCount[] {
  const counts = new Map<string, LinkedCount>();
  const add = (id: unknown, kind: LinkedCount['kind']) => {
    if (typeof id !== 'string' || !id) return;
    const seen = counts.get(id);
    if (seen) seen.mentions += 1;
    else counts.set(id, { id, kind, mentions: 1 });
  };
  for (const a of annotations) {
    if (a.label === 'actor') add(a.attrs.entityId, 'actor');
    else if (a.label === 'event') add(a.attrs.locationEntityId, 'place');
  }
  return [...counts.values()].sort((x, y) => y.mentions - x.mentions || x.id.localeCompare(y.id));
}

/** Annotations per label, every label present (zero where there is none). */
export function labelCounts(annotations: readonly Annotation[]): Record<Label, number> {
  const out = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  for (const a of annotations) out[a.label] += 1;
  return out;
}
