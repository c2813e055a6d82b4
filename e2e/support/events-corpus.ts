import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Host } from '../host/server';
import { expect } from './fixtures';

/**
 * Three short reports for the Timeline and Network specs, as a JSONL dataset with roles and
 * incident ids: two of one drone attack on 2026-03-14 (one incident, Russia on Ukraine, a death
 * toll each), and a clash on 2026-04-02 in which Ukraine acts on Russia.
 */
const REPORTS = [
  {
    id: 'harbour',
    title: 'Drones over Ostrivka',
    source: 'Harbour Wire',
    published_at: '2026-03-14',
    text: 'Russia launched 112 drones at Ukraine overnight. Two people were killed in Ostrivka.',
    event: { quote: 'launched 112 drones at Ukraine overnight', date: '2026-03-14', type: 'Explosions/Remote violence', sub_type: 'Air/drone strike', incident: 'attack' },
    actor: 'Russia',
    target: 'Ukraine',
    figure: { quote: 'Two people were killed', value: 2, unit: 'people' },
  },
  {
    id: 'ledger',
    title: 'Night attack kills three',
    source: 'Daily Ledger',
    published_at: '2026-03-14',
    text: 'Russian forces attacked Ukraine with drones overnight. Three civilians died, the governor said.',
    event: { quote: 'attacked Ukraine with drones overnight', date: '2026-03-14', type: 'Explosions/Remote violence', sub_type: 'Air/drone strike', incident: 'attack' },
    actor: 'Russian forces',
    target: 'Ukraine',
    figure: { quote: 'Three civilians died', value: 3, unit: 'people' },
  },
  {
    id: 'clash',
    title: 'Clash near the border',
    source: 'Daily Ledger',
    published_at: '2026-04-02',
    text: 'Ukraine fought Russia near the border on Thursday.',
    event: { quote: 'fought Russia near the border', date: '2026-04-02', type: 'Battles', sub_type: 'Armed clash', incident: null },
    actor: 'Ukraine',
    target: 'Russia',
    figure: null,
  },
];

function record(r: (typeof REPORTS)[number]) {
  const at = (quote: string, from = 0) => {
    const start = Array.from(r.text.slice(0, r.text.indexOf(quote, from))).length;
    return { start, end: start + Array.from(quote).length, text: quote };
  };
  const actorAt = at(r.actor);
  const targetAt = at(r.target, r.text.indexOf(r.actor) + r.actor.length);
  const spans: Record<string, unknown>[] = [
    {
      id: `${r.id}-event`,
      label: 'EVENT',
      ...at(r.event.quote),
      attrs: { date: r.event.date, type: r.event.type, sub_type: r.event.sub_type },
      roles: [
        { role: 'actor', span_id: `${r.id}-actor` },
        { role: 'target', span_id: `${r.id}-target` },
        ...(r.figure ? [{ role: 'figure', span_id: `${r.id}-figure` }] : []),
      ],
      ...(r.event.incident ? { incident_id: r.event.incident } : {}),
    },
    { id: `${r.id}-actor`, label: 'ACTOR', ...actorAt, attrs: { canonical_name: r.actor === 'Russian forces' ? 'Russia' : r.actor } },
    { id: `${r.id}-target`, label: 'ACTOR', ...targetAt, attrs: { canonical_name: r.target } },
  ];
  if (r.figure) spans.push({ id: `${r.id}-figure`, label: 'FIGURE', ...at(r.figure.quote), attrs: { value: r.figure.value, unit: r.figure.unit, qualifier: 'exact' } });
  return { id: r.id, title: r.title, source: r.source, published_at: r.published_at, text: r.text, spans, meta: { offset_unit: 'codepoint' } };
}

/** Imports the three reports through the Import button and waits for the report. */
export async function importEventReports(page: Page, host: Host, dir: string): Promise<void> {
  const file = join(dir, 'reports.jsonl');
  writeFileSync(file, REPORTS.map((r) => JSON.stringify(record(r))).join('\n'));
  host.setDialogAnswer([file]);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByLabel('Import report')).toContainText('1 imported');
}

export async function openView(page: Page, name: string): Promise<void> {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name }).click();
  await expect(views.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
}
