import { describe, expect, it } from 'vitest';
import { panelShown, sideIsDrawer, togglePanel } from './layout';

describe('panel layout', () => {
  it('shows an automatic panel beside the text, and closes it as a drawer', () => {
    expect(panelShown('auto', false)).toBe(true);
    expect(panelShown('auto', true)).toBe(false);
    expect(panelShown('open', true)).toBe(true);
    expect(panelShown('closed', false)).toBe(false);
  });
  it('gives the annotations a drawer where they and the library would squeeze the text', () => {
    expect(sideIsDrawer(800)).toBe(true);
    expect(sideIsDrawer(1000)).toBe(false);
    expect(sideIsDrawer(1280)).toBe(false);
  });
  it('toggles what is on screen', () => {
    expect(togglePanel('auto', false)).toBe('closed');
    expect(togglePanel('auto', true)).toBe('open');
    expect(togglePanel('open', true)).toBe('closed');
    expect(togglePanel('closed', false)).toBe('open');
  });
});
