/**
 * Where a list's active row goes for a list shortcut (see shortcuts.ts, scope 'list'), or null
 * when the key is not a move. Moves stop at the ends rather than wrap: an analyst holding ↓
 * through a long list should land on its last row, not start over without noticing.
 */
export function listStep(shortcut: string | null, index: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const from = Math.min(Math.max(index, -1), count - 1);
  const page = Math.max(1, pageSize);
  switch (shortcut) {
    case 'list-down':
      return Math.min(count - 1, from + 1);
    case 'list-up':
      return Math.max(0, from - 1);
    case 'list-first':
      return 0;
    case 'list-last':
      return count - 1;
    case 'list-page-down':
      return Math.min(count - 1, Math.max(0, from) + page);
    case 'list-page-up':
      return Math.max(0, from - page);
    default:
      return null;
  }
}
