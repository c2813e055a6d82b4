import { useEffect, useState } from 'react';

/**
 * Widths at which the side panels stop sharing the row with the text: below LIBRARY_DRAWER the
 * library becomes a drawer over the page, below SIDE_DRAWER the annotations column does too.
 * layout.css holds the same numbers (CSS cannot import them); the layout spec measures the result.
 */
export const LIBRARY_DRAWER = 1100;
export const SIDE_DRAWER = 1000;
/** Whether the annotations column is a drawer at this window width. */
export function sideIsDrawer(width: number): boolean {
  return width < SIDE_DRAWER;
}

/** A panel's state: shown, hidden, or as the width decides (beside the text when it fits, else closed). */
export type PanelState = 'auto' | 'open' | 'closed';

/** Whether a panel in `state` is on screen at a width where it is (or is not) a drawer. */
export function panelShown(state: PanelState, drawer: boolean): boolean {
  return state === 'open' || (state === 'auto' && !drawer);
}

/** What its toggle makes of a panel. */
export function togglePanel(state: PanelState, drawer: boolean): PanelState {
  return panelShown(state, drawer) ? 'closed' : 'open';
}

/** The window's width, kept up to date. */
export function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const update = () => setWidth(window.innerWidth);
    // A resize between the first render and this effect would otherwise be missed.
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return width;
}

/** True while the window is narrower than `width` px. */
export function useNarrowerThan(width: number): boolean {
  const query = `(max-width: ${width - 0.02}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const update = () => setNarrow(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [query]);
  return narrow;
}
