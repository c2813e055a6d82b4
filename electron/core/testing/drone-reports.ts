import type { Annotation } from '../../../shared/model';
import type { Backend } from '../services/app';
import { importText, ok } from './backend';

/**
 * Three reports of one overnight drone attack whose figures disagree, as such reports do: the
 * first an excerpt of a news article quoting a head of state ("Around 80 drones were shot down")
 * and the defence ministry ("downed 76 drones"), the second an outlet giving 62, the third, in
 * Ukrainian, "at least 70". All three agree on the 188 launched. Tests tag them, give each report's
 * event its figures and group the events as one incident.
 */
export interface DroneSpan {
  key: string;
  label: Annotation['label'];
  quote: string;
  attrs?: Record<string, string | number | boolean>;
}

export interface DroneReport {
  key: string;
  title: string;
  source: string;
  publishedAt: string;
  language: string;
  text: string;
  spans: DroneSpan[];
  /** Span keys of the figures the report's event has. */
  figures: string[];
}

const drones = (value: number, counts: string, qualifier = 'exact') => ({ value, unit: 'drone', counts, qualifier });

export const DRONE_REPORTS: DroneReport[] = [
  {
    key: 'retaliation',
    title: 'Moscow pledges retaliation after ATACMS strikes',
    source: 'Regional Desk',
    publishedAt: '2024-11-26',
    language: 'en',
    text:
      'Moscow pledges retaliation after ATACMS strikes\n\n' +
      'Last night, Russia attacked Ukraine, launching a record number of strike drones\u2014188\u2014against our people. I want to thank our defenders of the sky for repelling the attack. Around 80 drones were shot down, and more than 90 were lost due to location disruption.\n\n' +
      'Russia also unleashed a record-breaking drone assault overnight, launching 188 drones against Ukraine. Kyiv reported that its defences had downed 76 drones, while others were intercepted by electronic jamming.',
    spans: [
      { key: 'event', label: 'event', quote: 'Russia attacked Ukraine', attrs: { date: '2024-11-26' } },
      { key: 'launched', label: 'figure', quote: '188', attrs: drones(188, 'launched') },
      { key: 'around80', label: 'figure', quote: 'Around 80 drones were shot down', attrs: drones(80, 'intercepted', 'approximate') },
      { key: 'launched2', label: 'figure', quote: 'launching 188 drones', attrs: drones(188, 'launched') },
      { key: 'downed76', label: 'figure', quote: 'downed 76 drones', attrs: drones(76, 'intercepted') },
    ],
    figures: ['launched', 'around80', 'launched2', 'downed76'],
  },
  {
    key: 'ledger',
    title: 'Record drone attack on Ukraine',
    source: 'Daily Ledger',
    publishedAt: '2024-11-26',
    language: 'en',
    text: 'Record drone attack on Ukraine\n\nRussia fired 188 drones at Ukraine overnight into Tuesday. Air defence units shot down 62 drones, the military said.',
    spans: [
      { key: 'event', label: 'event', quote: 'Russia fired 188 drones at Ukraine', attrs: { date: '2024-11-26' } },
      { key: 'launched', label: 'figure', quote: '188 drones', attrs: drones(188, 'launched') },
      { key: 'downed62', label: 'figure', quote: 'shot down 62 drones', attrs: drones(62, 'intercepted') },
    ],
    figures: ['launched', 'downed62'],
  },
  {
    key: 'visti',
    title: 'Рекордна атака дронів',
    source: 'Вісті Острівки',
    publishedAt: '2024-11-27',
    language: 'uk',
    text: 'Рекордна атака дронів\n\nУночі Росія запустила по Україні 188 дронів. Щонайменше 70 дронів збито, повідомили Повітряні сили.',
    spans: [
      { key: 'event', label: 'event', quote: 'Росія запустила по Україні 188 дронів', attrs: { date: '2024-11-26' } },
      { key: 'launched', label: 'figure', quote: '188 дронів', attrs: drones(188, 'launched') },
      { key: 'atleast70', label: 'figure', quote: 'Щонайменше 70 дронів збито', attrs: drones(70, 'intercepted', 'at least') },
    ],
    figures: ['launched', 'atleast70'],
  },
];

export interface LoadedDroneReport {
  report: DroneReport;
  articleId: string;
  /** span key -> annotation id */
  ids: Record<string, string>;
}

/** Imports and tags the given reports (all three by default) through the contract, with each event's figures; no incident yet. */
export async function loadDroneReports(b: Backend, reports: readonly DroneReport[] = DRONE_REPORTS): Promise<LoadedDroneReport[]> {
  const loaded: LoadedDroneReport[] = [];
  for (const report of reports) {
    const articleId = await importText(b, report.text);
    await ok(b, 'articles/updateMeta', { id: articleId, meta: { title: report.title, source: report.source, publishedAt: report.publishedAt, language: report.language } });
    const created = await ok<Annotation[]>(b, 'annotations/createMany', {
      articleId,
      items: report.spans.map((s) => {
        const start = report.text.indexOf(s.quote);
        if (start < 0) throw new Error(`fixture: "${s.quote}" is not in ${report.key}`);
        return { label: s.label, start, end: start + s.quote.length, attrs: s.attrs ?? {} };
      }),
    });
    const ids = Object.fromEntries(report.spans.map((s, i) => [s.key, (created[i] as Annotation).id]));
    await ok(b, 'roles/set', { eventId: ids.event, roles: report.figures.map((k) => ({ role: 'figure', spanId: ids[k] })) });
    loaded.push({ report, articleId, ids });
  }
  return loaded;
}
