import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functionName, CHANNELS } from '../../shared/ipc/channels';
import { LABELS, type Annotation } from '../../shared/model';
import { seededRandom } from '../../shared/random';
import { startBackend, type Backend } from '../../electron/core/services/app';
import { useTmpDir } from '../../electron/core/testing/tmp';
import { quietPlatform } from '../../electron/core/testing/platform';
import { ReaderSession } from '../../renderer/src/reader/session';

const tmp = useTmpDir();
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
  delete (globalThis as { window?: unknown }).window;
});

/** The renderer's session, talking to the real handlers through the same envelopes as the app. */
async function connect(): Promise<Backend> {
  backend = await startBackend(join(tmp(), 'library.db'), quietPlatform('tester'));
  const b = backend;
  const bridge = Object.fromEntries(CHANNELS.map((c) => [functionName(c), (input?: unknown) => b.dispatch(c, input ?? {})]));
  (globalThis as { window?: unknown }).window = { spanwise: bridge };
  return b;
}

const TEXT = 'Title of the report\n\nThe ministry said 64 drones 🛩️ were shot down over six regions.\n\nSkywatch counted 58; the governor said debris hit Brenn.';
const shape = (a: Annotation) => `${a.id}|${a.label}|${a.start}|${a.end}|${a.quote}|${a.note}|${JSON.stringify(a.attrs)}|${a.status}`;

async function openArticle(b: Backend): Promise<ReaderSession> {
  const started = await b.dispatch('import/texts', { items: [{ name: 'r.txt', content: TEXT }] });
  if (!started.ok) throw new Error(started.error.message);
  let job = started.value as { id: string; state: string; report: { outcomes: { articleIds: string[] }[] } | null };
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    const polled = await b.dispatch('jobs/get', { id: job.id });
    if (polled.ok) job = polled.value as typeof job;
  }
  const got = await b.dispatch('articles/get', { id: job.report?.outcomes[0]?.articleIds[0] as string });
  if (!got.ok) throw new Error(got.error.message);
  const { article, annotations } = got.value as { article: ReaderSession['article']; annotations: Annotation[] };
  return new ReaderSession(article, annotations);
}

describe('tagging is drawn before the store answers', () => {
  it('shows the new annotation at once and the store keeps it under the same id', async () => {
    const b = await connect();
    const session = await openArticle(b);
    const at = TEXT.indexOf('64 drones');
    const saving = session.tag('figure', [{ start: at, end: at + 9 }]);
    // Synchronously, before any answer: the highlight can be drawn in the same frame as the key.
    const shown = session.list();
    expect(shown.map((a) => [a.label, a.quote])).toEqual([['figure', '64 drones']]);
    expect(session.selectedId).toBe(shown[0]?.id);
    const [saved] = await saving;
    expect(saved?.id).toBe(shown[0]?.id);
    const stored = await b.dispatch('articles/get', { id: session.article.id });
    expect(stored.ok && (stored.value as { annotations: Annotation[] }).annotations.map(shape)).toEqual(session.list().map(shape));
    expect(session.list()[0]?.author).toBe('tester');
  });

  it('takes a refused tag off the screen again and says why', async () => {
    const b = await connect();
    const session = await openArticle(b);
    const saving = session.tag('event', [{ start: 0, end: TEXT.length + 5 }]);
    expect(session.list()).toHaveLength(1);
    await expect(saving).rejects.toThrow(/outside|beyond|length/i);
    await session.settled();
    expect(session.list()).toEqual([]);
    expect(session.selectedId).toBeNull();
    expect(session.error).toMatch(/outside|beyond|length/i);
    expect(session.canUndo).toBe(false);
  });
});

/** A value for one attribute of the label, sometimes one the store must refuse. */
function attrEdit(label: (typeof LABELS)[number], random: () => number): Record<string, string | number | null> {
  const valid = random() < 0.85;
  switch (label) {
    case 'figure':
      return random() < 0.5 ? { value: valid ? Math.round(random() * 1000) / 10 : 'many' } : { unit: 'drones' };
    case 'event':
      return { date: valid ? `2024-0${1 + Math.floor(random() * 9)}` : '24 March' };
    case 'claim':
      return { status: valid ? 'disputed' : 'maybe' };
    case 'actor':
      return random() < 0.5 ? { canonicalName: `Name ${Math.floor(random() * 9)}` } : { kind: valid ? 'state' : 'alien' };
  }
}

/** A small correction of the text: a word replaced, deleted, or a word added. */
function corrected(text: string, random: () => number): string {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const word = words[Math.floor(random() * words.length)] as RegExpMatchArray;
  const at = word.index as number;
  const roll = random();
  if (roll < 0.4) return `${text.slice(0, at)}${word[0].toUpperCase()}x${text.slice(at + word[0].length)}`;
  if (roll < 0.7) return `${text.slice(0, at)}${text.slice(at + word[0].length).replace(/^ /, '')}`;
  return `${text.slice(0, at)}new ${text.slice(at)}`;
}

describe('the text changing under a tag', () => {
  it('refuses a tag whose offsets were read before a queued correction changed the text', async () => {
    const b = await connect();
    const session = await openArticle(b);
    const at = TEXT.indexOf('Skywatch');
    const correcting = session.correctText(TEXT.replace('Title of the report', 'Report'));
    // Blocked at once while the correction is on its way: the reader says so and tags nothing.
    expect(await session.tag('actor', [{ start: at, end: at + 8 }])).toEqual([]);
    expect(session.notice).toMatch(/correction/);
    await correcting;
    // Undoing the correction blocks tagging the same way.
    void session.undo();
    expect(await session.tag('actor', [{ start: at - 14, end: at - 6 }])).toEqual([]);
    await session.settled();
    void session.redo();
    await session.settled();
    // Behind other queued work it is not known in advance that the undo changes the text: the tag
    // is refused when it runs instead, and taken off the screen.
    void session.remove(['nothing-queued-before']);
    void session.undo();
    const tagging = session.tag('actor', [{ start: at - 14, end: at - 6 }]);
    expect(session.list()).toHaveLength(1);
    await expect(tagging).rejects.toThrow(/text changed/);
    await session.settled();
    expect(session.list()).toEqual([]);
    const stored = await b.dispatch('articles/get', { id: session.article.id });
    expect(stored.ok && (stored.value as { annotations: Annotation[] }).annotations).toEqual([]);
  });
});

describe('undo walks back through exactly the states the analyst saw', () => {
  it.each([1, 2, 3, 4, 5])('one step at a time, field edits in a row being one step (seed %i)', async (seed) => {
    const b = await connect();
    const session = await openArticle(b);
    const random = seededRandom('undo-states', seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const state = async () => {
      const stored = await b.dispatch('articles/get', { id: session.article.id });
      if (!stored.ok) throw new Error(stored.error.message);
      const value = stored.value as { article: { text: string }; annotations: Annotation[] };
      return [value.article.text, ...value.annotations.map(shape).sort()].join('\n');
    };
    const states = [await state()];
    let edit = 0;
    for (let step = 0; step < 40; step++) {
      const words = [...session.article.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const existing = session.list();
      const op = random();
      let run: Promise<unknown>;
      if (op < 0.3 || existing.length === 0) run = session.tag(pick(LABELS), [pick(words)]);
      else if (op < 0.55) {
        if (random() < 0.4) edit++;
        run = session.update(pick(existing).id, { note: `n${step}` }, { field: 'note', edit });
      } else if (op < 0.7) run = session.update(pick(existing).id, { attrs: attrEdit(pick(existing).label, random) });
      else if (op < 0.8) run = session.retag(pick(existing).id, pick(LABELS));
      else if (op < 0.9) run = session.remove([pick(existing).id]);
      else run = session.correctText(corrected(session.article.text, random));
      await run.catch(() => undefined);
      await session.settled();
      session.dismissError();
      // A step merged into the one before (typing on in the same field) replaces its state.
      states.length = session.undoDepth + 1;
      states[session.undoDepth] = await state();
    }
    for (let depth = session.undoDepth; depth > 0; depth--) {
      await session.undo();
      expect(await state()).toBe(states[depth - 1]);
    }
  });
});

describe('reader session and store stay identical', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'through a random sequence of tags, tag-alls, edits, retags, corrections, deletes, undos and redos (seed %i)',
    async (seed) => {
      const b = await connect();
      const session = await openArticle(b);
      const articleId = session.article.id;
      const random = seededRandom('session-consistency', seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      let edit = 0;
      let refused = 0;

      const compare = async () => {
        await session.settled();
        const stored = await b.dispatch('articles/get', { id: articleId });
        if (!stored.ok) throw new Error(stored.error.message);
        const value = stored.value as { article: { text: string }; annotations: Annotation[] };
        expect(session.article.text).toBe(value.article.text);
        expect(session.list().map(shape).sort()).toEqual(value.annotations.map(shape).sort());
        for (const a of session.list()) if (a.status === 'ok') expect(session.article.text.slice(a.start, a.end)).toBe(a.quote);
      };

      for (let step = 0; step < 80; step++) {
        // Offsets are read from the text on screen now, as the reader does, even while operations queue.
        const words = [...session.article.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        const existing = session.list();
        const op = random();
        if (op < 0.25 || existing.length === 0) {
          const a = pick(words);
          const z = words[Math.min(words.length - 1, words.indexOf(a) + Math.floor(random() * 4))] as { end: number };
          void session.tag(pick(LABELS), [{ start: a.start, end: z.end }]).catch(() => undefined);
        } else if (op < 0.3) {
          // Tag all: several spans in one step.
          const spans = [pick(words), pick(words), pick(words)].filter((w, i, all) => all.findIndex((x) => x.start === w.start) === i);
          const label = pick(LABELS);
          void session.tag(label, spans, random() < 0.5 ? attrEdit(label, random) : {}).catch(() => undefined);
        } else if (op < 0.4) {
          void session.remove([pick(existing).id]).catch(() => undefined);
        } else if (op < 0.5) {
          const target = pick(existing);
          // Keystrokes of one field in a row, as typing a note does.
          if (random() < 0.5) edit++;
          void session.update(target.id, { note: `note ${step}` }, { field: 'note', edit }).catch(() => undefined);
        } else if (op < 0.6) {
          const target = pick(existing);
          void session.update(target.id, { attrs: attrEdit(target.label, random) }, random() < 0.5 ? { field: 'attr', edit } : undefined).catch(() => undefined);
        } else if (op < 0.67) {
          void session.retag(pick(existing).id, pick(LABELS)).catch(() => undefined);
        } else if (op < 0.72) {
          void session.correctText(corrected(session.article.text, random)).catch(() => undefined);
        } else if (op < 0.87) {
          void session.undo().catch(() => undefined);
        } else {
          void session.redo().catch(() => undefined);
        }
        // Operations are issued without waiting, as fast typing would; the queue keeps them in order.
        if (random() < 0.3) await compare();
        if (session.error !== null) {
          refused++;
          session.dismissError();
        }
      }
      // Some edits were meant to be refused (bad attributes, tags on text changed meanwhile), not all.
      expect(refused).toBeLessThan(40);
      await compare();
      // Undoing everything gives back the imported article, in the store too.
      for (let guard = 0; session.canUndo && guard < 1000; guard++) await session.undo();
      expect(session.canUndo).toBe(false);
      await compare();
      expect(session.article.text).toBe(TEXT);
      expect(session.article.originalText).toBeNull();
      expect(session.list()).toEqual([]);
    },
  );
});

describe('notices go when they no longer apply', () => {
  it('a tag refused while a correction is saved says so until the correction is stored', async () => {
    const b = await connect();
    const session = await openArticle(b);
    const correcting = session.correctText(TEXT.replace('ministry', 'Ministry'));
    const at = TEXT.indexOf('Skywatch');
    expect(await session.tag('actor', [{ start: at, end: at + 8 }])).toEqual([]);
    expect(session.notice).toMatch(/^Not tagged: the text correction is still being saved/);
    await correcting;
    expect(session.notice).toBeNull();
    expect(session.article.text).toContain('Ministry');
  });

  it("a retag's dropped attributes are named until another annotation is chosen", async () => {
    const b = await connect();
    const session = await openArticle(b);
    const at = TEXT.indexOf('shot down');
    const [event] = await session.tag('event', [{ start: at, end: at + 9 }], { date: '2024-03' });
    const other = TEXT.indexOf('Brenn');
    const [place] = await session.tag('actor', [{ start: other, end: other + 5 }]);
    // Chosen, then retagged, as a click and a key do.
    session.select(event?.id as string);
    await session.retag(event?.id as string, 'claim');
    expect(session.notice).toBe('Retagged as Claim: dropped date (undo brings them back)');
    session.select(event?.id as string);
    expect(session.notice).not.toBeNull();
    session.select(place?.id as string);
    expect(session.notice).toBeNull();
  });
});
