import { describe, expect, it } from 'vitest';
import { History, registerUnloadGuard, type Change } from './history';

const none: Change = { full: false, ranges: [] };

describe('History', () => {
  it('joins steps sharing a coalesce key: one undo takes back the whole stretch', async () => {
    const log: string[] = [];
    const history = new History();
    const step = (name: string, coalesce?: string) => ({
      undo: async () => (log.push(`undo ${name}`), none),
      redo: async () => (log.push(`redo ${name}`), none),
      ...(coalesce ? { coalesce } : {}),
    });
    history.record(step('a'));
    history.record(step('h', 'note#1'));
    history.record(step('he', 'note#1'));
    history.record(step('x', 'note#2'));
    expect(history.depth).toBe(3);
    await history.replay('undo');
    await history.replay('undo');
    // The joined step undoes from its first edit and redoes to its last.
    expect(log).toEqual(['undo x', 'undo h']);
    await history.replay('redo');
    expect(log.at(-1)).toBe('redo he');
  });

  it('keeps a step the store refused where it was', async () => {
    const history = new History();
    history.record({ undo: () => Promise.reject(new Error('refused')), redo: async () => none, text: true });
    expect(history.nextChangesText('undo')).toBe(true);
    await expect(history.replay('undo')).rejects.toThrow('refused');
    expect([history.depth, history.canRedo]).toEqual([1, false]);
  });
});

describe('registerUnloadGuard', () => {
  it('holds the window open only while operations are on their way', () => {
    let pending = 1;
    const listeners = new Map<string, (e: Event) => void>();
    const target = {
      addEventListener: (type: string, fn: (e: Event) => void) => listeners.set(type, fn),
      removeEventListener: (type: string) => listeners.delete(type),
    } as unknown as Window;
    const cleanup = registerUnloadGuard(() => pending, target);
    const fire = () => {
      const event = { defaultPrevented: false, returnValue: undefined as unknown, preventDefault() { this.defaultPrevented = true; } };
      listeners.get('beforeunload')?.(event as unknown as Event);
      return event.defaultPrevented;
    };
    expect(fire()).toBe(true);
    pending = 0;
    expect(fire()).toBe(false);
    cleanup();
    expect(listeners.size).toBe(0);
  });
});
