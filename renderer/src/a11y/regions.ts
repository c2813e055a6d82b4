/**
 * The regions F6 moves focus between, in order. Each is found by what it is named, so a view can
 * join by carrying one of these names; a region not on screen is skipped.
 */
const REGIONS = [
  '[role="listbox"][aria-label="Articles"], [role="listbox"][aria-label="Annotation results"]',
  '[aria-label="Article text"]',
  '[role="list"][aria-label="Annotations"] [tabindex="0"]',
  // The Actors view: the registry's list, then the chosen entity's first field.
  '[role="list"][aria-label="Actors"] [tabindex="0"]',
  '[aria-label="Entity details"] input',
];

/** Moves focus to the next (delta 1) or previous (-1) region on screen; false when there is none. */
export function focusRegion(delta: 1 | -1, doc: Document = document): boolean {
  const found = REGIONS.map((selector) => doc.querySelector<HTMLElement>(selector));
  const active = doc.activeElement;
  const at = found.findIndex((el, i) => el !== null && active !== null && (el === active || el.contains(active) || closestRegion(active, i)));
  for (let step = 1; step <= REGIONS.length; step++) {
    const i = (((at < 0 ? (delta === 1 ? -1 : 0) : at) + delta * step) % REGIONS.length + REGIONS.length) % REGIONS.length;
    const el = found[i];
    if (el && el !== active) {
      el.focus();
      return true;
    }
  }
  return false;
}

function closestRegion(active: Element, index: number): boolean {
  // The annotations region is the whole list, not only the row that holds the tab stop.
  return index === 2 && active.closest('[role="list"][aria-label="Annotations"]') !== null;
}
