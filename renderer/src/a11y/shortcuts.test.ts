import { describe, expect, it } from 'vitest';
import { SHORTCUTS, comboOfEvent, concreteCombo, displayCombo, shortcutOf, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the shortcut table', () => {
  it('gives no key two meanings in one scope, on either platform', () => {
    for (const mac of [false, true]) {
      const seen = new Map<string, string>();
      for (const s of SHORTCUTS) {
        for (const combo of s.keys) {
          const at = `${s.scope} ${concreteCombo(combo, mac)}`;
          expect(seen.get(at), `${at} is both ${seen.get(at)} and ${s.id}`).toBeUndefined();
          seen.set(at, s.id);
        }
      }
    }
  });

  it('matches key events to their shortcut by scope', () => {
    expect(shortcutOf(key('3'), 'reader', false)).toBe('tag-actor');
    expect(shortcutOf(key('3'), 'text', false)).toBeNull();
    expect(shortcutOf(key('Z', { ctrlKey: true, shiftKey: true }), 'reader', false)).toBe('redo');
    expect(shortcutOf(key('z', { ctrlKey: true }), 'reader', false)).toBe('undo');
    expect(shortcutOf(key('z', { metaKey: true }), 'reader', true)).toBe('undo');
    expect(shortcutOf(key('z', { metaKey: true }), 'reader', false)).toBeNull();
    expect(shortcutOf(key('ArrowRight', { ctrlKey: true, shiftKey: true }), 'text', false)).toBe('extend-word-right');
    // On macOS the word modifier is Alt, and Ctrl+arrows are the system's.
    expect(shortcutOf(key('ArrowRight', { altKey: true, shiftKey: true }), 'text', true)).toBe('extend-word-right');
    expect(shortcutOf(key('ArrowRight', { ctrlKey: true, shiftKey: true }), 'text', true)).toBeNull();
    expect(shortcutOf(key('End', { shiftKey: true }), 'text', false)).toBe('extend-end');
    expect(shortcutOf(key('Enter'), 'list', false)).toBe('list-open');
  });

  it('reads ? with the Shift it takes to type it, and letters with Shift written out', () => {
    expect(comboOfEvent(key('?', { shiftKey: true }))).toBe('?');
    expect(shortcutOf(key('?', { shiftKey: true }), 'anywhere', false)).toBe('help');
    expect(comboOfEvent(key('N', { shiftKey: true }))).toBe('Shift+n');
    expect(shortcutOf(key('N', { shiftKey: true }), 'reader', false)).toBeNull();
    expect(shortcutOf(key('1', { altKey: true }), 'reader', false)).toBeNull();
  });

  it('shows keys as people read them', () => {
    expect(displayCombo('Word+Shift+ArrowLeft', false)).toBe('Ctrl+Shift+←');
    expect(displayCombo('Word+Shift+ArrowLeft', true)).toBe('⌥+⇧+←');
    expect(displayCombo('Mod+Shift+z', false)).toBe('Ctrl+Shift+Z');
    expect(displayCombo(' ', false)).toBe('Space');
  });

  it('lists every key the reader and the text answer to', () => {
    const ids = new Set(SHORTCUTS.map((s) => s.id));
    for (const id of ['tag-event', 'tag-claim', 'tag-actor', 'tag-figure', 'remove', 'undo', 'redo', 'next', 'previous', 'help', 'extend-word-right', 'extend-home', 'extend-end']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
