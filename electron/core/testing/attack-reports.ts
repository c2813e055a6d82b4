import type { Annotation } from '../../../shared/model';
import type { Backend } from '../services/app';
import { importText, ok } from './backend';

/**
 * Three reports of one (invented) overnight drone attack, written for the project: two in
 * English from different outlets, one in Ukrainian. Each names the actor, the target, a place
 * and a death toll in its own words; tests tag them, give the events their roles and group them.
 */
export interface ReportSpan {
  key: string;
  label: Annotation['label'];
  quote: string;
  attrs?: Record<string, string | number>;
}

export interface Report {
  key: string;
  source: string;
  publishedAt: string;
  language: string;
  text: string;
  spans: ReportSpan[];
  /** role -> span keys, for the report's event. */
  roles: { actor: string[]; target: string[]; figure: string[]; source: string[] };
  /** The claim's claimant (an actor span key). */
  claimant: string;
}

const EVENT_ATTRS = { type: 'Explosions/Remote violence', subType: 'Air/drone strike' };

export const ATTACK_REPORTS: Report[] = [
  {
    key: 'harbour',
    source: 'Harbour Wire',
    publishedAt: '2026-03-14',
    language: 'en',
    text: 'Drones over Ostrivka\n\nRussia launched 112 drones at Ukraine overnight, the air force said on Saturday. Two people were killed in Ostrivka region, officials said.',
    spans: [
      { key: 'event', label: 'event', quote: 'launched 112 drones at Ukraine overnight', attrs: { ...EVENT_ATTRS, date: '2026-03-14', location: 'Ostrivka' } },
      { key: 'russia', label: 'actor', quote: 'Russia', attrs: { canonicalName: 'Russia', kind: 'state' } },
      { key: 'ukraine', label: 'actor', quote: 'Ukraine', attrs: { canonicalName: 'Ukraine', kind: 'state' } },
      { key: 'airforce', label: 'actor', quote: 'the air force', attrs: { canonicalName: 'Ukrainian Air Force', kind: 'organisation' } },
      { key: 'claim', label: 'claim', quote: 'Russia launched 112 drones at Ukraine overnight, the air force said', attrs: { status: 'unverified' } },
      { key: 'killed', label: 'figure', quote: 'Two people were killed', attrs: { value: 2, unit: 'people', qualifier: 'exact' } },
    ],
    roles: { actor: ['russia'], target: ['ukraine'], figure: ['killed'], source: ['claim'] },
    claimant: 'airforce',
  },
  {
    key: 'ledger',
    source: 'Daily Ledger',
    publishedAt: '2026-03-14',
    language: 'en',
    text: 'Night attack kills two\n\nRussian forces attacked Ukraine with more than a hundred drones overnight into Saturday. Two civilians died in Ostrivka, the regional governor said.',
    spans: [
      { key: 'event', label: 'event', quote: 'attacked Ukraine with more than a hundred drones', attrs: { ...EVENT_ATTRS, date: '2026-03-14', location: 'Ostrivka' } },
      { key: 'russia', label: 'actor', quote: 'Russian forces', attrs: { canonicalName: 'Russia', kind: 'state' } },
      { key: 'ukraine', label: 'actor', quote: 'Ukraine', attrs: { canonicalName: 'Ukraine', kind: 'state' } },
      { key: 'governor', label: 'actor', quote: 'the regional governor', attrs: { kind: 'person' } },
      { key: 'claim', label: 'claim', quote: 'Two civilians died in Ostrivka, the regional governor said', attrs: { status: 'unverified' } },
      { key: 'killed', label: 'figure', quote: 'Two civilians died', attrs: { value: 2, unit: 'civilians', qualifier: 'exact' } },
    ],
    roles: { actor: ['russia'], target: ['ukraine'], figure: ['killed'], source: ['claim'] },
    claimant: 'governor',
  },
  {
    key: 'visti',
    source: 'Вісті Острівки',
    publishedAt: '2026-03-14',
    language: 'uk',
    text: 'Нічна атака дронів\n\nУ ніч на суботу Росія атакувала Україну 112 дронами, повідомили Повітряні сили. В Острівській області загинули двоє людей.',
    spans: [
      { key: 'event', label: 'event', quote: 'атакувала Україну 112 дронами', attrs: { ...EVENT_ATTRS, date: '2026-03-14', location: 'Острівська область' } },
      { key: 'russia', label: 'actor', quote: 'Росія', attrs: { canonicalName: 'Russia', kind: 'state' } },
      { key: 'ukraine', label: 'actor', quote: 'Україну', attrs: { canonicalName: 'Ukraine', kind: 'state' } },
      { key: 'airforce', label: 'actor', quote: 'Повітряні сили', attrs: { canonicalName: 'Ukrainian Air Force', kind: 'organisation' } },
      { key: 'claim', label: 'claim', quote: 'Росія атакувала Україну 112 дронами, повідомили Повітряні сили', attrs: { status: 'unverified' } },
      { key: 'killed', label: 'figure', quote: 'загинули двоє людей', attrs: { value: 2, unit: 'людей', qualifier: 'exact' } },
    ],
    roles: { actor: ['russia'], target: ['ukraine'], figure: ['killed'], source: ['claim'] },
    claimant: 'airforce',
  },
];

export interface LoadedReport {
  report: Report;
  articleId: string;
  /** span key -> annotation id */
  ids: Record<string, string>;
}

/** Imports and tags the three reports through the contract, with the events' roles and the claimants set; no incident yet. */
export async function loadAttackReports(b: Backend): Promise<LoadedReport[]> {
  const loaded: LoadedReport[] = [];
  for (const report of ATTACK_REPORTS) {
    const articleId = await importText(b, report.text);
    await ok(b, 'articles/updateMeta', { id: articleId, meta: { source: report.source, publishedAt: report.publishedAt, language: report.language } });
    const created = await ok<Annotation[]>(b, 'annotations/createMany', {
      articleId,
      items: report.spans.map((s) => {
        const start = report.text.indexOf(s.quote);
        if (start < 0) throw new Error(`fixture: "${s.quote}" is not in ${report.key}`);
        return { label: s.label, start, end: start + s.quote.length, attrs: s.attrs ?? {} };
      }),
    });
    const ids = Object.fromEntries(report.spans.map((s, i) => [s.key, (created[i] as Annotation).id]));
    const claim = created[report.spans.findIndex((s) => s.key === 'claim')] as Annotation;
    await ok(b, 'annotations/update', { id: claim.id, attrs: { ...claim.attrs, claimantId: ids[report.claimant] } });
    const roles = Object.entries(report.roles).flatMap(([role, keys]) => keys.map((k) => ({ role, spanId: ids[k] })));
    await ok(b, 'roles/set', { eventId: ids.event, roles });
    loaded.push({ report, articleId, ids });
  }
  return loaded;
}
