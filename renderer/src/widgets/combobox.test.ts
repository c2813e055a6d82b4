import { describe, expect, it } from 'vitest';
import { CLOSED, comboKey, comboResized, comboTyped, type ComboState } from './combobox';

const press = (state: ComboState, key: string, count: number, altKey = false) => comboKey(state, { key, altKey }, count);

describe('comboKey', () => {
  it('opens on ArrowDown at the first option and on ArrowUp at the last', () => {
    expect(press(CLOSED, 'ArrowDown', 3).state).toEqual({ open: true, active: 0 });
    expect(press(CLOSED, 'ArrowUp', 3).state).toEqual({ open: true, active: 2 });
  });

  it('Alt+ArrowDown opens without moving; Alt+ArrowUp closes', () => {
    expect(press(CLOSED, 'ArrowDown', 3, true).state).toEqual({ open: true, active: -1 });
    expect(press({ open: true, active: 1 }, 'ArrowUp', 3, true).state).toEqual({ open: false, active: 1 });
  });

  it('moves through the options and wraps at both ends', () => {
    let state: ComboState = { open: true, active: 0 };
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = press(state, 'ArrowDown', 3).state;
      seen.push(state.active);
    }
    expect(seen).toEqual([1, 2, 0, 1]);
    expect(press({ open: true, active: 0 }, 'ArrowUp', 3).state.active).toBe(2);
  });

  it('Enter chooses the active option and closes; with none active it is not handled', () => {
    expect(press({ open: true, active: 1 }, 'Enter', 3)).toEqual({ state: CLOSED, action: { kind: 'choose', index: 1 } });
    expect(press({ open: true, active: -1 }, 'Enter', 3).action.kind).toBe('none');
    expect(press({ open: false, active: 1 }, 'Enter', 3).action.kind).toBe('none');
    // An index left over from a longer list is never chosen.
    expect(press({ open: true, active: 5 }, 'Enter', 3).action.kind).toBe('none');
  });

  it('Escape closes an open list first, and leaves only when the list is closed', () => {
    const once = press({ open: true, active: 2 }, 'Escape', 3);
    expect(once).toEqual({ state: CLOSED, action: { kind: 'move' } });
    expect(press(once.state, 'Escape', 3).action.kind).toBe('leave');
  });

  it('an empty list opens with nothing active and arrows do not move', () => {
    expect(press(CLOSED, 'ArrowDown', 0).state).toEqual({ open: true, active: -1 });
    expect(press({ open: true, active: -1 }, 'ArrowDown', 0).state).toEqual({ open: true, active: -1 });
    expect(press(CLOSED, 'ArrowUp', 0).state).toEqual({ open: true, active: -1 });
  });

  it('leaves other keys (letters, Home, Tab) to the field', () => {
    for (const key of ['a', 'Home', 'End', 'Tab', '3']) expect(press({ open: true, active: 0 }, key, 3).action.kind).toBe('none');
  });
});

describe('comboTyped and comboResized', () => {
  it('typing opens the list with its first option active', () => {
    expect(comboTyped(4)).toEqual({ open: true, active: 0 });
    expect(comboTyped(0)).toEqual({ open: true, active: -1 });
  });

  it('keeps the active option inside a list that shrank or filled', () => {
    expect(comboResized({ open: true, active: 4 }, 2)).toEqual({ open: true, active: 1 });
    expect(comboResized({ open: true, active: 1 }, 0)).toEqual({ open: true, active: -1 });
    expect(comboResized({ open: true, active: -1 }, 3)).toEqual({ open: true, active: 0 });
    expect(comboResized(CLOSED, 3)).toEqual(CLOSED);
  });
});
