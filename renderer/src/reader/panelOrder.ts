import { LABELS, type Annotation, type Label } from '../../../shared/model';

export type PanelRow = { kind: 'group'; label: Label; count: number } | { kind: 'item'; annotation: Annotation };

export interface PanelView {
  rows: PanelRow[];
  /** The annotations in the order the panel lists them: what next and previous step through. */
  ordered: Annotation[];
}

/**
 * The annotations panel's contents: grouped by label (in label order), text order inside a group,
 * only `filter`'s group when there is one. `annotations` is in text order.
 */
export function panelView(annotations: readonly Annotation[], filter: Label | null): PanelView {
  const groups = new Map<Label, Annotation[]>(LABELS.map((l) => [l, []]));
  for (const a of annotations) if (filter === null || a.label === filter) groups.get(a.label)?.push(a);
  const rows: PanelRow[] = [];
  const ordered: Annotation[] = [];
  for (const label of LABELS) {
    const group = groups.get(label) as Annotation[];
    if (group.length === 0) continue;
    rows.push({ kind: 'group', label, count: group.length });
    for (const annotation of group) {
      rows.push({ kind: 'item', annotation });
      ordered.push(annotation);
    }
  }
  return { rows, ordered };
}

/**
 * The annotation `delta` steps from `currentId` in the panel's order; from nothing selected (or one
 * the filter hides), next is the first and previous the last. Null past either end.
 */
export function stepFrom(ordered: readonly Annotation[], currentId: string | null, delta: 1 | -1): Annotation | null {
  const i = currentId === null ? -1 : ordered.findIndex((a) => a.id === currentId);
  if (i < 0) return (delta > 0 ? ordered[0] : ordered[ordered.length - 1]) ?? null;
  return ordered[i + delta] ?? null;
}

export function countByLabel(annotations: readonly Annotation[]): Record<Label, number> {
  const counts: Record<Label, number> = { event: 0, claim: 0, actor: 0, figure: 0 };
  for (const a of annotations) counts[a.label]++;
  return counts;
}
