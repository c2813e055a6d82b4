import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { openStore } from './db';
import { saveUndo, takeUndo } from './entity-undo';

const tmp = useTmpDir();
afterEach(() => vi.useRealTimers());

describe('entity undo records', () => {
  it('are kept and pruned by the clock that stamps them, not by SQLite’s', () => {
    const db = openStore(join(tmp(), 'library.db'));
    vi.useFakeTimers({ toFake: ['Date'] });
    // The app's clock two months behind the system's (SQLite reads the system's).
    vi.setSystemTime(Date.now() - 60 * 86_400_000);
    const kept = saveUndo(db, 'delete', { entities: [], links: [] });
    const later = saveUndo(db, 'delete', { entities: [], links: [] });
    expect(takeUndo(db, kept).step).toBe('delete');

    vi.setSystemTime(Date.now() + 31 * 86_400_000);
    saveUndo(db, 'delete', { entities: [], links: [] });
    expect(() => takeUndo(db, later)).toThrow(/nothing to undo/);
    db.close();
  });
});
