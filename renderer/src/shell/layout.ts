import { useEffect, useState } from 'react';

/**
 * How the side panels share the window with the text. The text column is given at least a
 * readable measure (READER_CHARS characters of its own font); the panels beside it narrow first,
 * down to their minimum, and where even that would squeeze the text they become drawers over the
 * page: the annotations column first, then the library (about 1100 px for the library with common
 * fonts, about 900 px for the annotations; the exact points follow the font's width). The layout
 * spec measures the result at every width from 800 px up.
 */
export const READER_CHARS = 60;
/** What the text column needs besides its characters: its padding (24 px each side), the scroll bar and borders, the library's splitter. */
export const READER_CHROME = 48 + 20 + 6;

export type PanelId = 'library' | 'side';
export const PANEL_LIMITS: Record<PanelId, { min: number; max: number; initial: number }> = {
  library: { min: 240, max: 520, initial: 300 },
  side: { min: 240, max: 560, initial: 280 },
};

export interface PanelWidths {
  library: number;
  side: number;
}

export interface Arrangement {
  libraryDrawer: boolean;
  sideDrawer: boolean;
  /** The widths the panels are drawn at (beside the text, or as drawers). */
  library: number;
  side: number;
  /** The widest each panel may be made now without squeezing the text below its measure. */
  libraryMax: number;
  sideMax: number;
}

export interface ArrangeInput {
  window: number;
  /** The widths the analyst chose (or the initial ones). */
  wanted: PanelWidths;
  /** The text column's minimum width in px (READER_CHARS characters of its font plus READER_CHROME). */
  readerMin: number;
  /** Which panels are on screen beside the text (a collapsed panel leaves its room to the text). */
  libraryShown: boolean;
  sideShown: boolean;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Where the panels go and how wide they are, so that the text keeps its measure at every width. */
export function arrange({ window, wanted, readerMin, libraryShown, sideShown }: ArrangeInput): Arrangement {
  const lib = PANEL_LIMITS.library;
  const side = PANEL_LIMITS.side;
  // Which panels are drawers depends on the width alone, never on what is shown, so showing or
  // hiding a panel does not move the other one in or out of the row.
  const sideDrawer = window - side.min < readerMin;
  const libraryDrawer = window - lib.min - (sideDrawer ? 0 : side.min) < readerMin;
  const drawerWidth = (w: number) => Math.round(Math.min(w, window * 0.9));
  const libWanted = clamp(wanted.library, lib.min, lib.max);
  const sideWanted = clamp(wanted.side, side.min, side.max);
  const room = window - readerMin;
  const libBeside = !libraryDrawer && libraryShown;
  const sideBeside = !sideDrawer && sideShown;
  let libWidth = libBeside ? Math.min(libWanted, room - (sideBeside ? side.min : 0)) : 0;
  let sideWidth = sideBeside ? Math.min(sideWanted, room - (libBeside ? lib.min : 0)) : 0;
  const excess = libWidth + sideWidth - room;
  if (excess > 0) {
    // Both wanted more than there is: each gives up in proportion to what it has above its minimum.
    const libSlack = libWidth - lib.min;
    const sideSlack = sideWidth - side.min;
    const slack = libSlack + sideSlack;
    libWidth -= slack > 0 ? Math.ceil((excess * libSlack) / slack) : 0;
    sideWidth -= slack > 0 ? Math.ceil((excess * sideSlack) / slack) : 0;
  }
  libWidth = Math.max(libWidth, lib.min);
  sideWidth = Math.max(sideWidth, side.min);
  // Resizing one panel never moves the other: each may take what the text and the other leave.
  const libraryMax = clamp(room - (sideBeside ? sideWidth : 0), lib.min, lib.max);
  const sideMax = clamp(room - (libBeside ? libWidth : 0), side.min, side.max);
  return {
    libraryDrawer,
    sideDrawer,
    library: libraryDrawer ? drawerWidth(libWanted) : libWidth,
    side: sideDrawer ? drawerWidth(sideWanted) : sideWidth,
    libraryMax,
    sideMax,
  };
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

const WIDTHS_KEY = 'spanwise.panel-widths';

/** The widths stored from an earlier session; anything unreadable gives the initial widths. */
export function parseWidths(stored: string | null): PanelWidths {
  const initial = { library: PANEL_LIMITS.library.initial, side: PANEL_LIMITS.side.initial };
  if (!stored) return initial;
  try {
    const value = JSON.parse(stored) as Partial<Record<PanelId, unknown>>;
    const read = (id: PanelId) => {
      const v = value[id];
      return typeof v === 'number' && Number.isFinite(v) ? clamp(Math.round(v), PANEL_LIMITS[id].min, PANEL_LIMITS[id].max) : initial[id];
    };
    return { library: read('library'), side: read('side') };
  } catch {
    return initial;
  }
}

export function storedWidths(): PanelWidths {
  try {
    return parseWidths(localStorage.getItem(WIDTHS_KEY));
  } catch {
    return parseWidths(null);
  }
}

export function storeWidths(widths: PanelWidths): void {
  try {
    localStorage.setItem(WIDTHS_KEY, JSON.stringify(widths));
  } catch {
    // Storage refused (a locked-down profile): the widths hold for this session only.
  }
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

/**
 * The text column's minimum width in px: READER_CHARS characters of the reader's font (whose
 * width varies from one system's fonts to another's), measured once the fonts are ready.
 */
export function useReaderMin(): number {
  const [min, setMin] = useState(() => measureReaderMin());
  useEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => {
      if (live) setMin(measureReaderMin());
    });
    return () => {
      live = false;
    };
  }, []);
  return min;
}

function measureReaderMin(): number {
  const probe = document.createElement('div');
  // The reader's font as styles.css sets it for .reader-text.
  probe.className = 'reader-text';
  probe.style.cssText = `position:absolute;visibility:hidden;padding:0;width:${READER_CHARS}ch;`;
  document.body.appendChild(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return Math.ceil((width > 0 ? width : READER_CHARS * 9) + READER_CHROME);
}
