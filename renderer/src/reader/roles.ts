import { EVENT_ROLES, type EventRole, type Role, type RoleLink } from '../../../shared/ipc/events';
import type { Annotation, Label } from '../../../shared/model';
import { fold } from '../../../shared/fold';
import { call } from '../api/client';
import type { ActorChoice } from './claimant';
import type { ReaderSession } from './session';

/** The label of the spans a role may point to (an event's actors are actor spans, its source a claim...). */
export const ROLE_LABEL: Record<EventRole, Label> = { actor: 'actor', target: 'actor', with: 'actor', figure: 'figure', source: 'claim' };

/** Which picker is waiting for a click on a highlight. */
export interface ArmedPicker {
  eventId: string;
  role: EventRole;
}

/** A role as drawn in the text: which span, under which role, numbered within its role from 1. */
export interface DrawnRole {
  spanId: string;
  role: EventRole | 'claimant';
  n: number;
}

const BADGE_INITIAL: Record<EventRole | 'claimant', string> = { actor: 'A', target: 'T', with: 'W', figure: 'F', source: 'S', claimant: 'C' };

/** The badge a role's span wears in the text and in its chip: A1, A2 for actors, T1 for a target... */
export function badgeText(role: EventRole | 'claimant', n: number): string {
  return `${BADGE_INITIAL[role]}${n}`;
}

const sameRole = (a: Role, b: Role) => a.role === b.role && a.spanId === b.spanId;

/**
 * The roles of the open article's events, kept equal to the store. Every change goes through the
 * reader session's queue and undo history, after the tagging it may depend on (a span just
 * tagged is in the store before a role points to it). A role whose span was deleted stays here
 * unseen, as it does in the store, and shows again when an undo brings the span back.
 */
export class ArticleRoles {
  armed: ArmedPicker | null = null;
  version = 0;
  private byEvent = new Map<string, Role[]>();
  private listeners = new Set<() => void>();
  private readonly loaded: Promise<void>;

  constructor(private readonly session: ReaderSession) {
    this.loaded = call('roles/list', { articleId: session.article.id }).then(
      (links) => this.take(links),
      (err: Error) => session.notify(`The events' roles could not be read: ${err.message}`),
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The event's roles whose spans are in the article now, in the analyst's order. */
  rolesOf(eventId: string): Role[] {
    return (this.byEvent.get(eventId) ?? []).filter((r) => this.session.annotations.has(r.spanId));
  }

  /** Arms a picker (clicking a highlight then gives it that span), or disarms with null. */
  arm(picker: ArmedPicker | null): void {
    if (this.armed?.eventId === picker?.eventId && this.armed?.role === picker?.role) return;
    this.armed = picker;
    this.emit();
  }

  add(eventId: string, role: EventRole, spanId: string): Promise<unknown> {
    return this.change(eventId, (roles) => (roles.some((r) => sameRole(r, { role, spanId })) ? null : [...roles, { role, spanId }]));
  }

  remove(eventId: string, role: EventRole, spanId: string): Promise<unknown> {
    return this.change(eventId, (roles) => (roles.some((r) => sameRole(r, { role, spanId })) ? roles.filter((r) => !sameRole(r, { role, spanId })) : null));
  }

  /**
   * What the text shows for the selected annotation: an event's roles, numbered within each role
   * in the order the pickers list them, or a claim's linked claimant.
   */
  drawnFor(selected: Annotation | null): DrawnRole[] {
    if (!selected) return [];
    if (selected.label === 'claim') {
      const id = selected.attrs.claimantId;
      return typeof id === 'string' && this.session.annotations.has(id) ? [{ spanId: id, role: 'claimant', n: 1 }] : [];
    }
    if (selected.label !== 'event') return [];
    const roles = this.rolesOf(selected.id);
    return EVENT_ROLES.flatMap((role) => roles.filter((r) => r.role === role).map((r, i) => ({ spanId: r.spanId, role, n: i + 1 })));
  }

  private change(eventId: string, next: (roles: Role[]) => Role[] | null): Promise<unknown> {
    return this.session.perform(async () => {
      await this.loaded;
      const before = this.rolesOf(eventId);
      const after = next(before);
      if (after === null) return null;
      const set = async (roles: Role[]) => this.put(eventId, await call('roles/set', { eventId, roles }));
      await set(after);
      return { value: undefined, undo: () => set(before), redo: () => set(after) };
    });
  }

  private take(links: readonly RoleLink[]): void {
    const byEvent = new Map<string, Role[]>();
    for (const l of links) {
      if (l.role === 'claimant') continue;
      const list = byEvent.get(l.ownerId) ?? [];
      list.push({ role: l.role, spanId: l.spanId });
      byEvent.set(l.ownerId, list);
    }
    this.byEvent = byEvent;
    this.emit();
  }

  private put(eventId: string, links: readonly RoleLink[]): void {
    const roles: Role[] = [];
    for (const l of links) if (l.role !== 'claimant') roles.push({ role: l.role, spanId: l.spanId });
    // The store answers with the roles it shows and keeps those to deleted spans unseen: so does
    // this copy, or the next edit after an undo brings such a span back would drop its role.
    const unseen = (this.byEvent.get(eventId) ?? []).filter((r) => !this.session.annotations.has(r.spanId) && !roles.some((o) => sameRole(o, r)));
    this.byEvent.set(eventId, [...roles, ...unseen]);
    this.emit();
  }

  private emit(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

export interface RoleOption {
  id: string;
  label: string;
  detail: string;
}

/**
 * What a role's picker offers for the text typed: the article's spans of the role's label not
 * already in the role, keeping those whose name or text holds every word typed (case and
 * diacritics aside, as the registry compares names).
 */
export function roleOptions(choices: readonly ActorChoice[], chosen: ReadonlySet<string>, typed: string, quoteOf: (id: string) => string): RoleOption[] {
  const words = fold(typed).split(/\s+/).filter((w) => w !== '');
  const out: RoleOption[] = [];
  for (const c of choices) {
    if (chosen.has(c.id)) continue;
    if (words.length > 0) {
      const hay = fold(`${c.name} ${quoteOf(c.id)}`);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    const where = c.title.slice(c.name.length).trim();
    out.push({ id: c.id, label: c.name, detail: where.replace(/^\(|\)$/g, '') });
  }
  return out;
}
