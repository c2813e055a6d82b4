import { normaliseUnit } from '../../../shared/figure-units';
import { parseFigure } from '../../../shared/figures';
import type { Resolution } from '../../../shared/ipc/figures';
import type { Annotation } from '../../../shared/model';
import { nowIso } from '../store/articles';
import type { Db } from '../store/db';
import { markAllDirty, spreadSetting } from '../store/disagreement-refresh';
import { getDisagreement, listDisagreements } from '../store/disagreements';
import { getResolution, putResolution, readVocabulary, rememberWord, setSpread } from '../store/figure-resolutions';
import { HandlerError } from './errors';
import type { Handlers } from './handlers';

type FigureChannels = 'figures/disagreements' | 'figures/resolve' | 'figures/restoreResolution' | 'figures/settings' | 'figures/vocabulary';

/**
 * What the analyst's own figure edits teach the library (no transaction of its own): the unit
 * and counts words they use, and the unit they gave the words the quote wrote, so the normaliser
 * reads the next such quote their way. Values the app filled in (auto) teach nothing.
 */
export function rememberFigureEdit(db: Db, before: Annotation | null, after: Annotation): void {
  if (after.label !== 'figure' || after.attrs.auto === true) return;
  const unit = typeof after.attrs.unit === 'string' ? after.attrs.unit : '';
  const counts = typeof after.attrs.counts === 'string' ? after.attrs.counts : '';
  if (unit !== '' && unit !== before?.attrs.unit) {
    rememberWord(db, 'unit', unit, unit);
    const written = parseFigure(after.quote)?.unit;
    if (written !== undefined && normaliseUnit(written) !== unit) rememberWord(db, 'form', written, unit);
  }
  if (counts !== '' && counts !== before?.attrs.counts) rememberWord(db, 'counts', counts, counts);
}

export function figureHandlers(db: Db, author: string): Pick<Handlers, FigureChannels> {
  const subjectOf = (id: string) => {
    const d = getDisagreement(db, id);
    if (!d) throw new HandlerError('not_found', `no disagreement with id ${id} (its figures may have changed since)`);
    return { d, subject: { id: d.id, scope: d.scope, scopeId: d.scopeId, counts: d.counts, unit: d.unit, spanIds: d.values.map((v) => v.spanId) } };
  };

  return {
    'figures/disagreements': (query) => listDisagreements(db, query),

    'figures/resolve': ({ id, resolution }) =>
      db.transaction(() => {
        const { subject } = subjectOf(id);
        const previous = getResolution(db, id);
        const at = nowIso();
        const next: Resolution | null =
          resolution === null
            ? null
            : {
                decision: resolution.decision,
                value: resolution.decision === 'value' ? (resolution.value ?? null) : null,
                min: resolution.decision === 'range' ? (resolution.min ?? null) : null,
                max: resolution.decision === 'range' ? (resolution.max ?? null) : null,
                note: resolution.note,
                author,
                createdAt: previous?.createdAt ?? at,
                updatedAt: at,
              };
        putResolution(db, subject, next);
        return { disagreement: getDisagreement(db, id), previous };
      })(),

    'figures/restoreResolution': ({ id, resolution }) =>
      db.transaction(() => {
        if (resolution === null) {
          putResolution(db, { id, scope: 'article', scopeId: id, counts: '', unit: '', spanIds: [] }, null);
          return { disagreement: getDisagreement(db, id) };
        }
        const { subject } = subjectOf(id);
        putResolution(db, subject, resolution);
        return { disagreement: getDisagreement(db, id) };
      })(),

    'figures/settings': ({ spread }) =>
      db.transaction(() => {
        if (spread !== undefined && spread !== spreadSetting(db)) {
          setSpread(db, spread);
          markAllDirty(db);
        }
        return { spread: spreadSetting(db) };
      })(),

    'figures/vocabulary': () => readVocabulary(db),
  };
}
