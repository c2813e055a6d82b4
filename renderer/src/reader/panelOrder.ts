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

/** Text order: by start, the longer of two spans first, then the earlier made. */
export function compareTextOrder(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
}

/**
 * `sorted` (in text order) with `changed` put in, each replacing the annotation with its id if
 * there is one; a new array, so views memoised on the list see the change. Cheaper than sorting
 * again when a few annotations change among thousands.
 */
export function withPut(sorted: readonly Annotation[], previous: ReadonlyMap<string, Annotation>, changed: readonly Annotation[]): Annotation[] {
  const out = [...sorted];
  for (const a of changed) {
    const old = previous.get(a.id);
    if (old !== undefined) {
      const at = out.indexOf(old);
      if (at !== -1) {
        if (compareTextOrder(old, a) === 0) {
          out[at] = a;
          continue;
        }
        out.splice(at, 1);
      }
    }
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTextOrder(out[mid] as Annotation, a) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, a);
  }
  return out;
}

/**
 * The scroll offset that brings a row [start, end) into a viewport of `size` scrolled to `offset`
 * with the least movement (its top to the top, or its bottom to the bottom), or null when the row
 * is in view already.
 */
export function revealOffset(row: { start: number; end: number }, offset: number, size: number): number | null {
  if (row.start < offset) return row.start;
  if (row.end > offset + size) return row.end - size;
  return null;
}
