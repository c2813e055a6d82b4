import { describe, expect, it } from 'vitest';
import { PANEL_LIMITS, arrange, panelShown, parseWidths, togglePanel } from './layout';
import { splitterKey } from './splitterKey';

const wanted = { library: 300, side: 280 };
// 60 characters of a 10 px wide font, with the column's padding and scroll bar.
const readerMin = 668;
const both = { wanted, readerMin, libraryShown: true, sideShown: true };

describe('panel layout', () => {
  it('shows an automatic panel beside the text, and closes it as a drawer', () => {
    expect(panelShown('auto', false)).toBe(true);
    expect(panelShown('auto', true)).toBe(false);
    expect(panelShown('open', true)).toBe(true);
    expect(panelShown('closed', false)).toBe(false);
  });
  it('toggles what is on screen', () => {
    expect(togglePanel('auto', false)).toBe('closed');
    expect(togglePanel('auto', true)).toBe('open');
    expect(togglePanel('open', true)).toBe('closed');
    expect(togglePanel('closed', false)).toBe('open');
  });

  it('leaves the text its measure at every width from 800 px up, narrowing the panels before making drawers of them', () => {
    for (let window = 800; window <= 2000; window += 10) {
      const a = arrange({ ...both, window });
      const text = window - (a.libraryDrawer ? 0 : a.library) - (a.sideDrawer ? 0 : a.side);
      expect(text, `at ${window} px`).toBeGreaterThanOrEqual(readerMin);
      if (!a.libraryDrawer) expect(a.library).toBeGreaterThanOrEqual(PANEL_LIMITS.library.min);
      if (!a.sideDrawer) expect(a.side).toBeGreaterThanOrEqual(PANEL_LIMITS.side.min);
    }
  });

  it('makes a drawer of the annotations first, then of the library, as the window narrows', () => {
    expect(arrange({ ...both, window: 1400 })).toMatchObject({ libraryDrawer: false, sideDrawer: false, library: 300, side: 280 });
    // 1150: both beside would leave the text 670 px only at their minimum widths.
    expect(arrange({ ...both, window: 1150 })).toMatchObject({ libraryDrawer: false, sideDrawer: false, library: 241, side: 241 });
    expect(arrange({ ...both, window: 1100 })).toMatchObject({ libraryDrawer: true, sideDrawer: false, side: 280 });
    expect(arrange({ ...both, window: 900 })).toMatchObject({ libraryDrawer: true, sideDrawer: true });
  });

  it('gives a collapsed panel’s room to the other one and to the text', () => {
    const a = arrange({ ...both, window: 1200, wanted: { library: 500, side: 560 }, libraryShown: false });
    expect(a.side).toBe(1200 - readerMin);
    expect(a.sideMax).toBe(1200 - readerMin);
    // Shown again, the library takes its minimum back from the annotations.
    const b = arrange({ ...both, window: 1200, wanted: { library: 500, side: 560 } });
    expect(b.library + b.side).toBeLessThanOrEqual(1200 - readerMin);
  });

  it('never lets a resized panel squeeze the text, and says how wide it may go', () => {
    const a = arrange({ ...both, window: 1300, wanted: { library: 520, side: 280 } });
    expect(a.library + a.side).toBeLessThanOrEqual(1300 - readerMin);
    expect(a.libraryMax).toBe(1300 - readerMin - a.side);
    // Made as wide as it may go, it takes that width and the other panel keeps its own.
    const b = arrange({ ...both, window: 1300, wanted: { library: a.libraryMax, side: a.side } });
    expect([b.library, b.side]).toEqual([a.libraryMax, a.side]);
  });

  it('reads stored widths, clamped, and falls back on the initial ones', () => {
    expect(parseWidths('{"library": 400, "side": 9999}')).toEqual({ library: 400, side: PANEL_LIMITS.side.max });
    expect(parseWidths('not json')).toEqual({ library: 300, side: 280 });
    expect(parseWidths('{"library": "wide"}')).toEqual({ library: 300, side: 280 });
    expect(parseWidths(null)).toEqual({ library: 300, side: 280 });
  });

  it('moves a splitter the way the arrow points, by 16 px or 64 with Shift, within its limits', () => {
    const limits = { value: 300, min: 240, max: 400 };
    expect(splitterKey('ArrowRight', false, { ...limits, edge: 'right' })).toBe(316);
    expect(splitterKey('ArrowLeft', true, { ...limits, edge: 'right' })).toBe(240);
    expect(splitterKey('ArrowLeft', false, { ...limits, edge: 'left' })).toBe(316);
    expect(splitterKey('End', false, { ...limits, edge: 'left' })).toBe(400);
    expect(splitterKey('Home', false, { ...limits, edge: 'left' })).toBe(240);
    expect(splitterKey('a', false, { ...limits, edge: 'left' })).toBeNull();
  });
});
