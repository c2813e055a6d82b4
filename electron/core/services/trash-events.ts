import type { Db } from '../store/db';
import { dropEmptyIncidents, membershipsOfArticles, restoreMemberships, type MembershipRow } from '../store/incidents';
import { restoreRoleRows, roleRowsOfArticles, type RoleRow } from '../store/roles';

/** What deleting articles removes of the events layer, kept so the undo puts it back. */
export interface EventLinks {
  roles: RoleRow[];
  memberships: MembershipRow[];
}

/** Read before the articles go; their incidents left empty are dropped by the caller's delete. */
export function keepEventLinks(db: Db, articleIds: readonly string[]): EventLinks {
  return { roles: roleRowsOfArticles(db, articleIds), memberships: membershipsOfArticles(db, articleIds) };
}

/** Puts them back onto the articles and annotation ids the restore gave (a merged copy's, or the same). */
export function restoreEventLinks(db: Db, links: EventLinks, articleOf: (id: string) => string, idOf: (id: string) => string): void {
  restoreRoleRows(db, links.roles, articleOf, idOf);
  restoreMemberships(db, links.memberships, articleOf, idOf);
}

export { dropEmptyIncidents };
