import { afterEach, describe, expect, it } from 'vitest';
import { functionName, type Channel } from '../../../shared/ipc/channels';
import type { Role, RoleLink } from '../../../shared/ipc/events';
import type { Annotation, Article, Label } from '../../../shared/model';
import { ArticleRoles } from './roles';
import { ReaderSession } from './session';

const TEXT = 'Russia struck Ukraine overnight; two people were killed.';
const ann = (id: string, label: Label, quote: string): Annotation => {
  const start = TEXT.indexOf(quote);
  return { id, articleId: 'a', label, start, end: start + quote.length, quote, note: '', attrs: {}, author: '', status: 'ok', conflictOf: null, createdAt: '', updatedAt: '' };
};
const article = { id: 'a', title: 'Strike', text: TEXT } as Article;

/**
 * A backend with the store's rules for roles: a role whose span is deleted is kept unseen, only
 * the roles shown are replaced by an edit, and every answer lists the roles shown.
 */
function fakeBackend(annotations: Annotation[], roles: { eventId: string; role: Role['role']; spanId: string }[]) {
  const live = new Map(annotations.map((a) => [a.id, a]));
  const shown = (eventId?: string): RoleLink[] => roles.filter((r) => (!eventId || r.eventId === eventId) && live.has(r.spanId)).map((r) => ({ ownerId: r.eventId, role: r.role, spanId: r.spanId }));
  const handlers: Partial<Record<Channel, (input: never) => unknown>> = {
    'roles/list': () => shown(),
    'roles/set': ({ eventId, roles: next }: { eventId: string; roles: Role[] }) => {
      for (let i = roles.length - 1; i >= 0; i--) if (roles[i]?.eventId === eventId && live.has(roles[i]?.spanId as string)) roles.splice(i, 1);
      for (const r of next) roles.push({ eventId, ...r });
      return shown(eventId);
    },
    'annotations/delete': ({ ids }: { ids: string[] }) => ids.map((id) => {
      const a = live.get(id) as Annotation;
      live.delete(id);
      return a;
    }),
    'annotations/restore': ({ annotations: back }: { annotations: Annotation[] }) => {
      for (const a of back) live.set(a.id, a);
      return back;
    },
  };
  const bridge = Object.fromEntries(
    Object.entries(handlers).map(([channel, fn]) => [functionName(channel as Channel), async (input: never) => ({ ok: true, value: fn(input) })]),
  );
  (globalThis as { window?: unknown }).window = { spanwise: bridge };
  return { stored: () => roles.map((r) => `${r.role}:${r.spanId}`).sort() };
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('roles through delete, undo and edit', () => {
  it('a role to a deleted span comes back with the undo, even after the roles were edited meanwhile, and stays for the next edit', async () => {
    const list = [ann('ev', 'event', 'struck'), ann('ru', 'actor', 'Russia'), ann('ua', 'actor', 'Ukraine'), ann('k', 'figure', 'two people were killed')];
    const backend = fakeBackend(list, [{ eventId: 'ev', role: 'actor', spanId: 'ru' }, { eventId: 'ev', role: 'target', spanId: 'ua' }]);
    const session = new ReaderSession(article, list);
    const roles = new ArticleRoles(session);
    await roles.add('ev', 'figure', 'k');
    await session.remove(['ua']);
    expect(roles.rolesOf('ev')).toEqual([{ role: 'actor', spanId: 'ru' }, { role: 'figure', spanId: 'k' }]);
    await roles.remove('ev', 'figure', 'k');
    await session.undo();
    await session.undo();
    await session.settled();
    expect(roles.rolesOf('ev')).toContainEqual({ role: 'target', spanId: 'ua' });
    // The next edit sends the target with the rest, so the store keeps it too.
    await roles.remove('ev', 'figure', 'k');
    await session.settled();
    expect(roles.rolesOf('ev')).toEqual([{ role: 'actor', spanId: 'ru' }, { role: 'target', spanId: 'ua' }]);
    expect(backend.stored()).toEqual(['actor:ru', 'target:ua']);
  });
});
