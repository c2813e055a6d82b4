/**
 * The keyboard behaviour of a combobox with a listbox popup and list autocomplete (WAI-ARIA
 * Authoring Practices, "combobox"), as a pure function of its state, so it is tested without a
 * DOM and the component only draws what this returns.
 */

export interface ComboState {
  open: boolean;
  /** Index of the option with visual focus (aria-activedescendant); -1 for none. */
  active: number;
}

export const CLOSED: ComboState = { open: false, active: -1 };

export type ComboAction =
  /** The key is not the combobox's: the browser or the input handles it. */
  | { kind: 'none' }
  /** Only the state changed (the popup opened or closed, visual focus moved). */
  | { kind: 'move' }
  | { kind: 'choose'; index: number }
  /** Escape with the popup closed: the text goes back to what it was, and focus may leave. */
  | { kind: 'leave' };

export interface ComboKey {
  key: string;
  altKey?: boolean;
}

/**
 * What a key press does, given how many options the popup lists. The arrows open the popup and
 * move through it, wrapping at either end; Alt+Down opens it without moving; Enter chooses the
 * active option; Escape closes the popup, and a second Escape leaves.
 */
export function comboKey(state: ComboState, event: ComboKey, count: number): { state: ComboState; action: ComboAction } {
  const none = { state, action: { kind: 'none' } as const };
  const move = (next: ComboState) => ({ state: next, action: { kind: 'move' } as const });
  switch (event.key) {
    case 'ArrowDown':
      if (!state.open) return move({ open: true, active: event.altKey || count === 0 ? state.active : Math.max(0, state.active) });
      if (count === 0) return move(state);
      return move({ open: true, active: state.active < 0 || state.active >= count - 1 ? 0 : state.active + 1 });
    case 'ArrowUp':
      if (event.altKey) return move({ open: false, active: state.active });
      if (count === 0) return move({ open: true, active: -1 });
      if (!state.open) return move({ open: true, active: count - 1 });
      return move({ open: true, active: state.active <= 0 ? count - 1 : state.active - 1 });
    case 'Enter':
      if (state.open && state.active >= 0 && state.active < count) return { state: CLOSED, action: { kind: 'choose', index: state.active } };
      return none;
    case 'Escape':
      if (state.open) return move({ open: false, active: -1 });
      return { state, action: { kind: 'leave' } };
    default:
      return none;
  }
}

/** After typing: the popup opens with the first option active, so Enter takes the best match. */
export function comboTyped(count: number): ComboState {
  return { open: true, active: count > 0 ? 0 : -1 };
}

/** Keeps the active option inside a list that changed length (new matches arrived). */
export function comboResized(state: ComboState, count: number): ComboState {
  if (count === 0) return { open: state.open, active: -1 };
  if (state.active >= count) return { open: state.open, active: count - 1 };
  if (state.open && state.active < 0) return { open: true, active: 0 };
  return state;
}
