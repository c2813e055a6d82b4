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
const shape = (a: Annotation) => `${a.id}|${a.label}|${a.start}|${a.end}|${a.note}|${JSON.stringify(a.attrs)}|${a.status}`;

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

describe('reader session and store stay identical', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('through a random sequence of tags, edits, deletes, undos and redos (seed %i)', async (seed) => {
    const b = await connect();
    const session = await openArticle(b);
    const articleId = session.article.id;
    const random = seededRandom('session-consistency', seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const words = [...TEXT.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

    for (let step = 0; step < 80; step++) {
      const existing = session.list();
      const op = random();
      if (op < 0.35 || existing.length === 0) {
        const a = pick(words);
        const z = words[Math.min(words.length - 1, words.indexOf(a) + Math.floor(random() * 4))] as { end: number };
        void session.tag(pick(LABELS), [{ start: a.start, end: z.end }]);
      } else if (op < 0.5) {
        void session.remove([pick(existing).id]);
      } else if (op < 0.65) {
        const target = pick(existing);
        void session.update(target.id, random() < 0.5 ? { label: pick(LABELS) } : { note: `note ${step}` }, random() < 0.5 ? 'note' : undefined);
      } else if (op < 0.85) {
        void session.undo();
      } else {
        void session.redo();
      }
      // Operations are issued without waiting, as fast typing would; the queue keeps them in order.
      if (random() < 0.3) {
        await session.settled();
        const stored = await b.dispatch('articles/get', { id: articleId });
        if (!stored.ok) throw new Error(stored.error.message);
        expect(session.list().map(shape).sort()).toEqual((stored.value as { annotations: Annotation[] }).annotations.map(shape).sort());
        expect(session.error).toBeNull();
      }
    }
    await session.settled();
    const stored = await b.dispatch('articles/get', { id: articleId });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(session.list().map(shape).sort()).toEqual((stored.value as { annotations: Annotation[] }).annotations.map(shape).sort());
  });
});
