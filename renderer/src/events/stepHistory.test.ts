import { describe, expect, it } from 'vitest';
import { StepHistory } from './stepHistory';

describe('StepHistory', () => {
  it('undoes last first, redoes what it undid, and forgets the redo once a new change is made', async () => {
    const log: string[] = [];
    const step = (name: string) => ({ message: name, undo: async () => void log.push(`undo ${name}`), redo: async () => void log.push(`redo ${name}`) });
    const h = new StepHistory();
    h.record(step('a'));
    h.record(step('b'));
    expect((await h.undo())?.message).toBe('b');
    expect((await h.undo())?.message).toBe('a');
    expect(await h.undo()).toBeNull();
    expect((await h.redo())?.message).toBe('a');
    h.record(step('c'));
    expect(h.canRedo).toBe(false);
    expect(await h.redo()).toBeNull();
    expect(log).toEqual(['undo b', 'undo a', 'redo a']);
  });

  it('keeps a step the store refused where it was', async () => {
    const h = new StepHistory();
    h.record({ message: 'x', undo: () => Promise.reject(new Error('changed since')), redo: async () => {} });
    await expect(h.undo()).rejects.toThrow('changed since');
    expect(h.canUndo).toBe(true);
    expect(h.canRedo).toBe(false);
  });
});
