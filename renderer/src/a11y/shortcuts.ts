/**
 * Every key the app answers, in one table. The key handlers look their keys up here and the
 * Keyboard shortcuts dialog lists this table, so what the dialog says cannot drift from what the
 * keys do.
 *
 * Keys are written as combos: modifiers then the key, joined by '+' ("Shift+ArrowLeft"). Two
 * abstract modifiers stand for what differs by platform: `Mod` is Ctrl (Cmd on macOS), `Word` is
 * Ctrl (Alt on macOS), the modifier that moves by word.
 */

export type ShortcutScope = 'anywhere' | 'reader' | 'text' | 'list' | 'menu';

export interface Shortcut {
  id: string;
  scope: ShortcutScope;
  keys: readonly string[];
  description: string;
}

export const SCOPE_TITLES: Record<ShortcutScope, string> = {
  anywhere: 'Anywhere',
  reader: 'Reader',
  text: 'Article text',
  list: 'Lists (articles, results, annotations)',
  menu: 'Menus',
};

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', scope: 'anywhere', keys: ['?'], description: 'Show this list of keyboard shortcuts' },
  { id: 'next-region', scope: 'anywhere', keys: ['F6'], description: 'Move focus to the next region: library list, article text, annotations' },
  { id: 'previous-region', scope: 'anywhere', keys: ['Shift+F6'], description: 'Move focus to the previous region' },
  { id: 'tag-event', scope: 'reader', keys: ['1'], description: 'Tag the selected text as Event (no text selected: retag the chosen annotation)' },
  { id: 'tag-claim', scope: 'reader', keys: ['2'], description: 'Tag the selected text as Claim (no text selected: retag the chosen annotation)' },
  { id: 'tag-actor', scope: 'reader', keys: ['3'], description: 'Tag the selected text as Actor (no text selected: retag the chosen annotation)' },
  { id: 'tag-figure', scope: 'reader', keys: ['4'], description: 'Tag the selected text as Figure (no text selected: retag the chosen annotation)' },
  { id: 'remove', scope: 'reader', keys: ['Delete', 'Backspace'], description: 'Remove the selected annotation' },
  { id: 'undo', scope: 'reader', keys: ['Mod+z'], description: 'Undo' },
  { id: 'redo', scope: 'reader', keys: ['Mod+Shift+z', 'Mod+y'], description: 'Redo' },
  { id: 'next', scope: 'reader', keys: ['n'], description: 'Select the next annotation (in the order of the panel)' },
  { id: 'previous', scope: 'reader', keys: ['p'], description: 'Select the previous annotation' },
  { id: 'link', scope: 'reader', keys: ['l'], description: 'Link the selected actor to an entity of the registry (focus goes to its Linked entity field)' },
  { id: 'caret-left', scope: 'text', keys: ['ArrowLeft'], description: 'Move the caret one character back' },
  { id: 'caret-right', scope: 'text', keys: ['ArrowRight'], description: 'Move the caret one character on' },
  { id: 'caret-up', scope: 'text', keys: ['ArrowUp'], description: 'Move the caret one line up' },
  { id: 'caret-down', scope: 'text', keys: ['ArrowDown'], description: 'Move the caret one line down' },
  { id: 'caret-word-left', scope: 'text', keys: ['Word+ArrowLeft'], description: 'Move the caret one word back' },
  { id: 'caret-word-right', scope: 'text', keys: ['Word+ArrowRight'], description: 'Move the caret one word on' },
  { id: 'caret-home', scope: 'text', keys: ['Home'], description: 'Move the caret to the start of the line' },
  { id: 'caret-end', scope: 'text', keys: ['End'], description: 'Move the caret to the end of the line' },
  { id: 'caret-start', scope: 'text', keys: ['Mod+Home'], description: 'Move the caret to the start of the text' },
  { id: 'caret-finish', scope: 'text', keys: ['Mod+End'], description: 'Move the caret to the end of the text' },
  { id: 'extend-left', scope: 'text', keys: ['Shift+ArrowLeft'], description: 'Extend the selection one character back' },
  { id: 'extend-right', scope: 'text', keys: ['Shift+ArrowRight'], description: 'Extend the selection one character on' },
  { id: 'extend-up', scope: 'text', keys: ['Shift+ArrowUp'], description: 'Extend the selection one line up' },
  { id: 'extend-down', scope: 'text', keys: ['Shift+ArrowDown'], description: 'Extend the selection one line down' },
  { id: 'extend-word-left', scope: 'text', keys: ['Word+Shift+ArrowLeft'], description: 'Extend the selection one word back' },
  { id: 'extend-word-right', scope: 'text', keys: ['Word+Shift+ArrowRight'], description: 'Extend the selection one word on' },
  { id: 'extend-home', scope: 'text', keys: ['Shift+Home'], description: 'Extend the selection to the start of the line' },
  { id: 'extend-end', scope: 'text', keys: ['Shift+End'], description: 'Extend the selection to the end of the line' },
  { id: 'collapse', scope: 'text', keys: ['Escape'], description: 'Clear the selection, keeping the caret' },
  { id: 'menu', scope: 'text', keys: ['ContextMenu', 'Shift+F10'], description: 'Open the menu for the selection or the highlight at the caret' },
  { id: 'list-down', scope: 'list', keys: ['ArrowDown'], description: 'Next row' },
  { id: 'list-up', scope: 'list', keys: ['ArrowUp'], description: 'Previous row' },
  { id: 'list-first', scope: 'list', keys: ['Home'], description: 'First row' },
  { id: 'list-last', scope: 'list', keys: ['End'], description: 'Last row' },
  { id: 'list-page-down', scope: 'list', keys: ['PageDown'], description: 'A page of rows down' },
  { id: 'list-page-up', scope: 'list', keys: ['PageUp'], description: 'A page of rows up' },
  { id: 'list-open', scope: 'list', keys: ['Enter', ' '], description: 'Open the row (an article, a result) or select it (an annotation)' },
  { id: 'menu-down', scope: 'menu', keys: ['ArrowDown'], description: 'Next item' },
  { id: 'menu-up', scope: 'menu', keys: ['ArrowUp'], description: 'Previous item' },
  { id: 'menu-first', scope: 'menu', keys: ['Home'], description: 'First item' },
  { id: 'menu-last', scope: 'menu', keys: ['End'], description: 'Last item' },
  { id: 'menu-run', scope: 'menu', keys: ['Enter', ' '], description: 'Run the item' },
  { id: 'menu-close', scope: 'menu', keys: ['Escape', 'Tab'], description: 'Close the menu' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** A table combo in concrete modifiers for the platform: 'Word+Shift+ArrowLeft' -> 'Ctrl+Shift+ArrowLeft'. */
export function concreteCombo(combo: string, mac: boolean): string {
  const parts = combo === '+' ? ['+'] : combo.split('+');
  const key = parts.pop() as string;
  const mods = new Set(parts.map((m) => (m === 'Mod' ? (mac ? 'Meta' : 'Ctrl') : m === 'Word' ? (mac ? 'Alt' : 'Ctrl') : m)));
  return [...['Ctrl', 'Alt', 'Meta', 'Shift'].filter((m) => mods.has(m)), key].join('+');
}

/**
 * A key event as a concrete combo. Letters are lower-cased with Shift written out; other printable
 * characters carry Shift in the character itself ('?' is Shift+/ on many layouts), so it is left out.
 */
export function comboOfEvent(e: KeyLike): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const printable = e.key.length === 1 && !/[a-z]/i.test(e.key);
  const mods: string[] = [];
  if (e.ctrlKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  if (e.metaKey) mods.push('Meta');
  if (e.shiftKey && !printable) mods.push('Shift');
  return [...mods, key].join('+');
}

const byScope = new Map<string, Map<string, Map<string, string>>>();

function index(mac: boolean): Map<string, Map<string, string>> {
  const cacheKey = mac ? 'mac' : 'other';
  let found = byScope.get(cacheKey);
  if (found) return found;
  found = new Map<string, Map<string, string>>();
  for (const s of SHORTCUTS) {
    const scoped = found.get(s.scope) ?? new Map<string, string>();
    for (const combo of s.keys) scoped.set(concreteCombo(combo, mac), s.id);
    found.set(s.scope, scoped);
  }
  byScope.set(cacheKey, found);
  return found;
}

/** The id of the shortcut in `scope` that the event presses, or null. */
export function shortcutOf(e: KeyLike, scope: ShortcutScope, mac = isMac()): string | null {
  return index(mac).get(scope)?.get(comboOfEvent(e)) ?? null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ' ': 'Space',
  Escape: 'Esc',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
  ContextMenu: 'Menu',
};

/** A combo as people read it on this platform: 'Mod+Shift+z' -> 'Ctrl+Shift+Z' (⌘ on macOS). */
export function displayCombo(combo: string, mac = isMac()): string {
  const concrete = concreteCombo(combo, mac).split('+');
  const key = concrete.pop() as string;
  const name = KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  const mods = concrete.map((m) => (mac ? ({ Meta: '⌘', Alt: '⌥', Ctrl: '⌃', Shift: '⇧' } as Record<string, string>)[m] ?? m : m));
  return [...mods, name].join('+');
}
