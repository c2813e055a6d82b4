import type { Host } from '../host/server';
import type { Role, RoleLink } from '../../shared/ipc/events';
import type { Annotation } from '../../shared/model';
import { ATTACK_REPORTS, loadAttackReports, type LoadedReport } from '../../electron/core/testing/attack-reports';
import { contract } from './registry';

/**
 * The three reports of one attack (electron/core/testing/attack-reports.ts), imported and tagged
 * through the contract. With `roles: false` the spans are there but the events have no roles and
 * the claims no claimant yet: what the analyst starts from.
 */
export async function attackReports(host: Host, options: { roles: boolean }): Promise<LoadedReport[]> {
  const loaded = await loadAttackReports(host.backend);
  if (options.roles) return loaded;
  for (const { ids, articleId } of loaded) {
    await contract(host, 'roles/set', { eventId: ids.event, roles: [] });
    const claim = (await contract<{ annotations: Annotation[] }>(host, 'articles/get', { id: articleId })).annotations.find((a) => a.id === ids.claim);
    if (!claim) throw new Error('fixture: the claim is missing');
    const { claimantId: _linked, ...attrs } = claim.attrs;
    await contract(host, 'annotations/update', { id: claim.id, attrs });
  }
  return loaded;
}

/** An event's roles as the store holds them. */
export async function storedRoles(host: Host, articleId: string, eventId: string): Promise<Role[]> {
  const links = await contract<RoleLink[]>(host, 'roles/list', { articleId });
  return links.filter((l) => l.ownerId === eventId && l.role !== 'claimant').map((l) => ({ role: l.role as Role['role'], spanId: l.spanId }));
}

export { ATTACK_REPORTS };
