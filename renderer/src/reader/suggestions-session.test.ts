import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { functionName, type Channel } from '../../../shared/ipc/channels';
import type { Accepted, Suggestion } from '../../../shared/ipc/entities';
import type { Annotation, Article } from '../../../shared/model';
import { ReaderSession } from './session';
import { ReaderSuggestions } from './suggestions';

const TEXT = 'Ukraine and Poland agreed. Ukraine thanked Poland.';
const article = { id: 'art', text: TEXT, title: 't' } as Article;

/** A store that proposes every occurrence of two names, remembers rejections, and undoes by token. */
function fakeStore() {
  const annotations = new Map<string, Annotation>();
  const rejected = new Set<string>();
  const tokens = new Map<string, string[]>();
  const refuse = { next: null as string | null };
  let next = 0;
  const proposals = (): Suggestion[] => {
    const out: Suggestion[] = [];
    for (const name of ['Ukraine', 'Poland']) {
      for (let at = TEXT.indexOf(name); at >= 0; at = TEXT.indexOf(name, at + 1)) {
        const id = `${name}@${at}`;
        const taken = [...annotations.values()].some((a) => a.start === at);
        if (!taken && !rejected.has(id)) {
          out.push({ id, articleId: 'art', start: at, end: at + name.length, text: name, entityId: name, entityName: name, entityKind: 'actor', action: 'tag', annotationId: null });
        }
      }
    }
    return out;
  };
  const accept = (ids: string[]): Accepted => {
    if (refuse.next !== null) {
      const message = refuse.next;
      refuse.next = null;
      throw new Error(message);
    }
    const current = proposals();
    const created = ids.map((id) => {
      const s = current.find((p) => p.id === id);
      if (!s) throw new Error(`${id} is no longer proposed`);
      const a = { id: `a${++next}`, articleId: 'art', label: 'actor', start: s.start, end: s.end, quote: s.text, note: '', attrs: { entityId: s.entityId }, status: 'ok' } as unknown as Annotation;
      annotations.set(a.id, a);
      return a;
    });
    const token = `t${next}`;
    tokens.set(token, created.map((a) => a.id));
    return { created, linked: [], token };
  };
  const handlers: Partial<Record<Channel, (input: never) => unknown>> = {
    'suggestions/list': () => ({ suggestions: proposals() }),
    'suggestions/accept': (input: { ids: string[] }) => accept(input.ids),
    'suggestions/acceptAll': () => accept(proposals().map((p) => p.id)),
    'suggestions/reject': (input: { ids: string[] }) => {
      for (const id of input.ids) rejected.add(id);
      return { rejected: input.ids.length };
    },
    'entities/undo': (input: { token: string }) => {
      const ids = tokens.get(input.token);
      if (!ids) throw new Error(`unknown token ${input.token}`);
      tokens.delete(input.token);
      for (const id of ids) annotations.delete(id);
      return { entities: [], annotations: [], removedAnnotationIds: ids };
    },
  };
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [channel, handle] of Object.entries(handlers)) {
    bridge[functionName(channel as Channel)] = async (input) => {
      try {
        return { ok: true, value: (handle as (i: unknown) => unknown)(input) };
      } catch (err) {
        return { ok: false, error: { code: 'conflict', message: (err as Error).message } };
      }
    };
  }
  return { annotations, rejected, bridge, refuse };
}

/** Long enough for the suggestions' refresh after a change (REFRESH_DELAY_MS) and its answer. */
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('suggestions through the reader session', () => {
  let store: ReturnType<typeof fakeStore>;
  beforeEach(() => {
    store = fakeStore();
    (globalThis as { window?: unknown }).window = { spanwise: store.bridge };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('accept all is one undoable step: undo takes every annotation back and the suggestions return; redo accepts them again', async () => {
    const session = new ReaderSession(article, []);
    const suggestions = new ReaderSuggestions(session);
    const stop = suggestions.start();
    await settle();
    expect(session.suggestionMarks.map((s) => s.id)).toEqual(['Ukraine@0', 'Poland@12', 'Ukraine@27', 'Poland@43']);

    const accepting = suggestions.acceptAll();
    // Off the screen before the store answers.
    expect(session.suggestionMarks).toEqual([]);
    await accepting;
    await settle();
    expect(session.list().map((a) => a.quote)).toEqual(['Ukraine', 'Poland', 'Ukraine', 'Poland']);
    expect(session.undoDepth).toBe(1);
    expect(session.suggestionMarks).toEqual([]);

    await session.undo();
    await settle();
    expect(session.list()).toEqual([]);
    expect(store.annotations.size).toBe(0);
    expect(session.suggestionMarks).toHaveLength(4);

    await session.redo();
    await settle();
    expect(session.list()).toHaveLength(4);
    // The redo's own token undoes it.
    await session.undo();
    expect(store.annotations.size).toBe(0);
    stop();
  });

  it('a rejected suggestion goes and is not proposed again; one accepted becomes an annotation and its neighbour stays current', async () => {
    const session = new ReaderSession(article, []);
    const suggestions = new ReaderSuggestions(session);
    const stop = suggestions.start();
    await settle();
    suggestions.choose('Poland@12');
    await suggestions.reject('Poland@12');
    expect(store.rejected.has('Poland@12')).toBe(true);
    expect(suggestions.list.map((s) => s.id)).toEqual(['Ukraine@0', 'Ukraine@27', 'Poland@43']);
    expect(suggestions.currentId).toBe('Ukraine@27');

    await suggestions.accept(['Ukraine@27']);
    await settle();
    expect(session.list().map((a) => [a.quote, a.start])).toEqual([['Ukraine', 27]]);
    expect(suggestions.list.map((s) => s.id)).toEqual(['Ukraine@0', 'Poland@43']);
    expect(suggestions.currentId).toBe('Poland@43');
    stop();
  });

  it('an acceptance the store refuses leaves the suggestions as the store still has them', async () => {
    const session = new ReaderSession(article, []);
    const suggestions = new ReaderSuggestions(session);
    const stop = suggestions.start();
    await settle();
    store.refuse.next = 'the store is busy';
    const refused = suggestions.accept(['Ukraine@0']);
    expect(suggestions.list).toHaveLength(3);
    await expect(refused).rejects.toThrow('the store is busy');
    await settle();
    expect(session.error).toContain('the store is busy');
    // Drawn again: the store still proposes it.
    expect(suggestions.list).toHaveLength(4);
    expect(session.suggestionMarks).toHaveLength(4);
    expect(session.undoDepth).toBe(0);
    stop();
  });
});
