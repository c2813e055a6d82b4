import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation, AnyAttrs, Article } from '../../../shared/model';
import { FieldDraft, formatValue, parseField, type FieldKind } from './fieldDraft';
import { ReaderSession } from './session';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ARTICLE: Article = {
  id: 'art', title: 't', source: null, url: null, author: null, publishedAt: null, language: null,
  text: 'around 80 drones', originalText: null, importedAt: '', updatedAt: '',
};
const FIGURE: Annotation = {
  id: 'f1', articleId: 'art', label: 'figure', start: 0, end: 16, quote: 'around 80 drones', note: '', attrs: {},
  author: '', status: 'ok', conflictOf: null, createdAt: '', updatedAt: '',
};

/**
 * A store that answers annotations/update after `latency` ms, in order, replacing the attributes
 * with those sent (as the real handler does) and refusing a value that is not a number.
 */
function slowStore(latency: number) {
  const stored = new Map<string, Annotation>([[FIGURE.id, FIGURE]]);
  const calls: unknown[] = [];
  let refuseNext = false;
  let last = Promise.resolve();
  const annotationsUpdate = (input: { id: string; note?: string; attrs?: AnyAttrs }) => {
    calls.push(input);
    const answer = last.then(async () => {
      await sleep(latency);
      if (refuseNext || (input.attrs && input.attrs.value !== undefined && typeof input.attrs.value !== 'number' && input.attrs.value !== null)) {
        refuseNext = false;
        return { ok: false, error: { code: 'invalid_input', message: 'value: expected number' } };
      }
      const current = stored.get(input.id) as Annotation;
      const attrs = Object.fromEntries(Object.entries(input.attrs ?? current.attrs).filter(([, v]) => v !== null));
      const next = { ...current, note: input.note ?? current.note, attrs };
      stored.set(input.id, next);
      return { ok: true, value: next };
    });
    last = answer.then(() => undefined);
    return answer;
  };
  (globalThis as { window?: unknown }).window = { spanwise: { annotationsUpdate } };
  return { stored: () => stored.get(FIGURE.id) as Annotation, calls, refuseNext: () => (refuseNext = true) };
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

/** A field as Details binds it: attribute `key` (or the note), saved through the session, following its answers. */
function field(session: ReaderSession, key: string, kind: FieldKind | 'note') {
  const storedText = () => {
    const a = session.annotations.get(FIGURE.id) as Annotation;
    return key === 'note' ? a.note : formatValue(a.attrs[key]);
  };
  const shown: string[] = [];
  const draft = new FieldDraft({
    stored: storedText(),
    parse: kind === 'note' ? (text) => ({ ok: true, value: text }) : (text) => parseField(kind, text),
    save: (value, edit) =>
      session
        .update(FIGURE.id, key === 'note' ? { note: String(value ?? '') } : { attrs: { [key]: value } }, { field: key, edit })
        .then(() => storedText()),
  });
  draft.subscribe(() => shown.push(draft.getState().text));
  session.subscribe(() => draft.setStored(storedText()));
  return {
    draft,
    /** Every text the field showed, in order. */
    shown,
    async type(chars: string, gap: number) {
      draft.focus();
      for (const ch of chars) {
        draft.input(draft.getState().text + ch);
        await sleep(gap);
      }
    },
  };
}

describe('a Details field with a store that answers slowly', () => {
  it('keeps every keystroke of a note typed faster than the store answers, in few calls and one undo step', async () => {
    const store = slowStore(60);
    const session = new ReaderSession(ARTICLE, [FIGURE]);
    const note = field(session, 'note', 'note');
    await note.type('hello', 5);
    note.draft.blur();
    await session.settled();
    expect(store.stored().note).toBe('hello');
    // The field only ever showed what was typed, never a stale answer.
    expect(note.shown).toEqual(['h', 'he', 'hel', 'hell', 'hello']);
    expect(note.draft.getState()).toEqual({ text: 'hello', problem: null });
    // Keystrokes waiting for their turn join into one call.
    expect(store.calls.length).toBeLessThan(5);
    expect(session.undoDepth).toBe(1);
    await session.undo();
    expect(store.stored().note).toBe('');
    expect(note.draft.getState().text).toBe('');
  });

  it('stores 2.5 for "2.5" and for "2,5", never resetting the half-typed "2."', async () => {
    for (const typed of ['2.5', '2,5']) {
      const store = slowStore(30);
      const session = new ReaderSession(ARTICLE, [FIGURE]);
      const value = field(session, 'value', 'number');
      await value.type(typed, 40);
      expect(value.draft.getState().text).toBe(typed);
      value.draft.blur();
      await session.settled();
      expect(store.stored().attrs.value).toBe(2.5);
      expect(value.draft.getState().text).toBe('2.5');
      expect(value.shown.slice(0, 3)).toEqual([typed.slice(0, 1), typed.slice(0, 2), typed]);
    }
  });

  it('saves two fields edited in quick succession without one overwriting the other', async () => {
    const store = slowStore(50);
    const session = new ReaderSession(ARTICLE, [FIGURE]);
    const unit = field(session, 'unit', 'text');
    const value = field(session, 'value', 'number');
    await unit.type('drones', 2);
    unit.draft.blur();
    await value.type('80', 2);
    value.draft.blur();
    await session.settled();
    expect(store.stored().attrs).toEqual({ unit: 'drones', value: 80 });
    // One undo step per field edited.
    expect(session.undoDepth).toBe(2);
    await session.undo();
    expect(store.stored().attrs).toEqual({ unit: 'drones' });
  });

  it('redraws no text for a note or an attribute, only for a change of the highlight', async () => {
    slowStore(5);
    const session = new ReaderSession(ARTICLE, [FIGURE]);
    const redrawn: number[] = [];
    session.subscribe((change) => redrawn.push(change.ranges.length));
    await field(session, 'note', 'note').type('ok', 1);
    await session.update(FIGURE.id, { attrs: { unit: 'drones' } });
    await session.undo();
    await session.settled();
    expect(redrawn.filter((n) => n > 0)).toEqual([]);
  });

  it('keeps text that cannot be saved on screen, with the reason, until it is fixed', async () => {
    const store = slowStore(10);
    const session = new ReaderSession(ARTICLE, [FIGURE]);
    const value = field(session, 'value', 'number');
    await value.type('8x', 15);
    value.draft.blur();
    await session.settled();
    expect(value.draft.getState()).toEqual({ text: '8x', problem: expect.stringMatching(/number/) });
    expect(store.stored().attrs.value).toBe(8);
    value.draft.focus();
    value.draft.input('80');
    value.draft.blur();
    await session.settled();
    expect(value.draft.getState()).toEqual({ text: '80', problem: null });

    // Refused by the store: the typed text stays, marked, and the session says it is not saved.
    store.refuseNext();
    await value.type('0', 5);
    value.draft.blur();
    await session.settled();
    expect(value.draft.getState()).toEqual({ text: '800', problem: expect.stringMatching(/^Not saved/) });
    expect(session.error).toMatch(/expected number/);
    expect(store.stored().attrs.value).toBe(80);
    // Saving it again clears both.
    value.draft.focus();
    value.draft.input('800');
    value.draft.blur();
    await session.settled();
    expect(value.draft.getState()).toEqual({ text: '800', problem: null });
    expect(store.stored().attrs.value).toBe(800);
    expect(session.error).toBeNull();
  });
});
