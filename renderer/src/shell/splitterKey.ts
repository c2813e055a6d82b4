export const SPLITTER_STEP = 16;
export const SPLITTER_BIG_STEP = 64;

/**
 * The width a key press on a splitter asks for, or null for a key it does not handle. The arrow
 * pointing away from the panel widens it (→ for the library on the left, ← for the annotations on
 * the right), as the splitter moves the way the arrow points.
 */
export function splitterKey(key: string, shift: boolean, { value, min, max, edge }: { value: number; min: number; max: number; edge: 'right' | 'left' }): number | null {
  const step = shift ? SPLITTER_BIG_STEP : SPLITTER_STEP;
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const wider = edge === 'right' ? 'ArrowRight' : 'ArrowLeft';
  const narrower = edge === 'right' ? 'ArrowLeft' : 'ArrowRight';
  if (key === wider) return clamp(value + step);
  if (key === narrower) return clamp(value - step);
  if (key === 'Home') return min;
  if (key === 'End') return max;
  return null;
}
