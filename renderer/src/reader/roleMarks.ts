import { badgeText, type DrawnRole } from './roles';

/** What a highlight run shows of the selected event's roles: the role it is drawn in, and the badges on the span's first run. */
export interface RoleMark {
  role: string;
  badge: string | null;
}

export const ROLE_ATTR = 'data-role';
export const BADGE_ATTR = 'data-role-badge';

/**
 * Which highlight runs show a role, and how: every run of a role's span is drawn in the role, its
 * first run carries the badge ("A1"; "A1 W1" when one span has two roles). A run shared by two
 * spans (nested highlights) shows the first role listed.
 */
export function planRoleMarks<E>(drawn: readonly DrawnRole[], runsOf: (spanId: string) => readonly E[]): Map<E, RoleMark> {
  const plan = new Map<E, RoleMark>();
  const runs = new Map<string, readonly E[]>();
  for (const d of drawn) {
    let list = runs.get(d.spanId);
    if (!list) {
      list = runsOf(d.spanId);
      runs.set(d.spanId, list);
    }
    list.forEach((run, i) => {
      const badge = i === 0 ? badgeText(d.role, d.n) : null;
      const had = plan.get(run);
      if (!had) plan.set(run, { role: d.role, badge });
      else if (badge) plan.set(run, { role: had.role, badge: had.badge ? `${had.badge} ${badge}` : badge });
    });
  }
  return plan;
}

/**
 * Draws the selected event's roles on the reader's highlights as data attributes (the stylesheet
 * does the rest), clearing the runs drawn before that no longer show one. Only the few runs of the
 * selected event's role spans are looked up and touched, so a key press elsewhere pays nothing.
 * Returns the runs now drawn, to pass back the next time.
 */
export function drawRoleMarks(root: ParentNode, drawn: readonly DrawnRole[], before: readonly Element[]): Element[] {
  if (drawn.length === 0 && before.length === 0) return [];
  const plan = planRoleMarks(drawn, (id) => [...root.querySelectorAll(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)]);
  for (const el of before) {
    if (plan.has(el)) continue;
    el.removeAttribute(ROLE_ATTR);
    el.removeAttribute(BADGE_ATTR);
  }
  for (const [el, mark] of plan) {
    if (el.getAttribute(ROLE_ATTR) !== mark.role) el.setAttribute(ROLE_ATTR, mark.role);
    if (mark.badge === null) {
      if (el.hasAttribute(BADGE_ATTR)) el.removeAttribute(BADGE_ATTR);
    } else if (el.getAttribute(BADGE_ATTR) !== mark.badge) el.setAttribute(BADGE_ATTR, mark.badge);
  }
  return [...plan.keys()];
}
