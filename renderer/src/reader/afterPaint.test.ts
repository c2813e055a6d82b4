import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, nextPaint, subscribeAfterPaint } from './afterPaint';

describe('afterPaint', () => {
  let frames: (() => void)[];

  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => undefined;
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const drawFrame = () => frames.splice(0).forEach((cb) => cb());

  it('runs only after the next frame, on a task of its own', async () => {
    const run = vi.fn();
    afterPaint(run);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).not.toHaveBeenCalled();
    drawFrame();
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs once even when the frame comes after the hidden-window fallback', async () => {
    const run = vi.fn();
    afterPaint(run);
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
    drawFrame();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', async () => {
    const run = vi.fn();
    const cancel = afterPaint(run);
    drawFrame();
    cancel();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).not.toHaveBeenCalled();
  });

  it('nextPaint resolves after the frame', async () => {
    let done = false;
    void nextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    drawFrame();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('subscribeAfterPaint tells a listener of changes after the next frame, once for several', async () => {
    const listeners = new Set<() => void>();
    const subscribe = subscribeAfterPaint((l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    });
    const heard = vi.fn();
    const unsubscribe = subscribe(heard);
    const change = () => listeners.forEach((l) => l());
    change();
    change();
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).not.toHaveBeenCalled();
    drawFrame();
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toHaveBeenCalledTimes(1);
    change();
    unsubscribe();
    drawFrame();
    await vi.advanceTimersByTimeAsync(150);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });
});
