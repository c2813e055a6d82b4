import { describe, expect, it } from 'vitest';
import { RegistryUndo } from './registryUndo';

describe('RegistryUndo', () => {
  it('undoes the last step first', async () => {
    const undone: string[] = [];
    const stack = new RegistryUndo();
    for (const m of ['edit', 'merge']) stack.record({ message: m, undo: async () => void undone.push(m) });
    expect((await stack.undo())?.message).toBe('merge');
    expect((await stack.undo())?.message).toBe('edit');
    expect(await stack.undo()).toBeNull();
    expect(undone).toEqual(['merge', 'edit']);
  });

  it('keeps a step the store refused to undo, and refuses a second undo while one runs', async () => {
    const stack = new RegistryUndo();
    stack.record({ message: 'split', undo: async () => {} });
    stack.record({ message: 'merge', undo: async () => Promise.reject(new Error('changed since')) });
    await expect(stack.undo()).rejects.toThrow('changed since');
    expect(stack.last?.message).toBe('merge');
    expect(stack.depth).toBe(2);
  });

  it('answers null to an undo asked for while another is still running', async () => {
    const stack = new RegistryUndo();
    let release: () => void = () => {};
    stack.record({ message: 'a', undo: async () => {} });
    stack.record({ message: 'b', undo: () => new Promise<void>((ok) => (release = ok)) });
    const first = stack.undo();
    expect(await stack.undo()).toBeNull();
    release();
    expect((await first)?.message).toBe('b');
    expect(stack.depth).toBe(1);
  });

  it('keeps one step for a stretch of typing in one field: the first edit\'s undo', async () => {
    const undone: string[] = [];
    const stack = new RegistryUndo();
    for (const text of ['N', 'No', 'Nor']) stack.record({ message: text, coalesce: 'name#1', undo: async () => void undone.push(text) });
    stack.record({ message: 'note', coalesce: 'note#2', undo: async () => void undone.push('note') });
    expect(stack.depth).toBe(2);
    await stack.undo();
    await stack.undo();
    expect(undone).toEqual(['note', 'N']);
  });
});
