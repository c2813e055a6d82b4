import { resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ExportScope } from '../../shared/ipc/contract';
import { LABELS, type Label } from '../../shared/model';
import { ExportError, exportCorpus } from '../core/export';
import type { Db } from '../core/store/db';
import { EXIT, UsageError, type Output } from './output';

export interface ExportFlags {
  format?: string;
  out?: string;
  /** `--labels event,claim`: only spans with these labels. */
  labels?: string;
  query?: string;
  /** `--ids a,b,c`: exactly these articles, in this order. */
  ids?: string;
  source?: string;
  /** `--label claim`: articles holding at least one claim. */
  label?: string;
  unannotated?: boolean;
  publishedFrom?: string;
  publishedTo?: string;
  /** CSV: an apostrophe before cells a spreadsheet would run as a formula. */
  spreadsheetSafe?: boolean;
  /** `--encrypt` (bundle): sealed with the passphrase this gives. */
  encrypt?: boolean;
  bundlePassphrase?: (confirm: boolean) => Promise<string>;
}

function parseLabel(value: string, flag: string): Label {
  const label = value.trim().toLowerCase();
  if (!(LABELS as readonly string[]).includes(label)) throw new UsageError(`${flag}: unknown label "${value}" (labels: ${LABELS.join(', ')})`);
  return label as Label;
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The articles to export: the whole library, the library's filters, or named ids (not both). */
export function scopeFromFlags(flags: ExportFlags): ExportScope {
  const filter = {
    ...(flags.query ? { query: flags.query } : {}),
    ...(flags.source !== undefined ? { source: flags.source } : {}),
    ...(flags.label !== undefined ? { label: parseLabel(flags.label, '--label') } : {}),
    ...(flags.unannotated ? { unannotated: true } : {}),
    ...(flags.publishedFrom !== undefined ? { publishedFrom: flags.publishedFrom } : {}),
    ...(flags.publishedTo !== undefined ? { publishedTo: flags.publishedTo } : {}),
  };
  for (const [flag, value] of [
    ['--published-from', flags.publishedFrom],
    ['--published-to', flags.publishedTo],
  ] as const) {
    if (value !== undefined && !PARTIAL_DATE.test(value)) throw new UsageError(`${flag} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got "${value}")`);
  }
  if (flags.label !== undefined && flags.unannotated) throw new UsageError('--label and --unannotated cannot both hold: no article has a label and no annotations');
  if (flags.ids === undefined) return filter;
  if (Object.keys(filter).length > 0) throw new UsageError('--ids names the articles itself; it cannot be combined with --query, --source, --label, --unannotated or --published-*');
  const ids = [...new Set(flags.ids.split(',').map((id) => id.trim()))].filter((id) => id !== '');
  if (ids.length === 0) throw new UsageError('--ids needs at least one article id');
  const tooLong = ids.find((id) => id.length > 64);
  if (tooLong) throw new UsageError(`--ids: "${tooLong.slice(0, 70)}" is not an article id (ids are at most 64 characters)`);
  return { ids };
}

/** Exit statuses of a command stopped by a signal, as shells report them (128 + the signal's number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;

/**
 * Turns Ctrl-C and SIGTERM into a cancelled export: the export removes its temporary and the
 * command exits with the signal's status. Without this Node dies on the spot and the hidden
 * `.partial` file or folder stays behind. A second signal while cleaning up is ignored, since
 * the cleanup is one removal and dying midway would leave exactly what it is removing.
 */
export function stopOnSignals(controller: AbortController): { received(): StopSignal | null; dispose(): void } {
  let received: StopSignal | null = null;
  const handlers = (Object.keys(SIGNAL_EXIT) as StopSignal[]).map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    received: () => received,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** `spanwise export --db FILE --format F --out PATH [scope flags] [--labels L,L]`. */
export async function exportCommand(db: Db, rest: string[], out: Output, flags: ExportFlags): Promise<number> {
  if (rest.length > 0) throw new UsageError(`export takes no positional arguments (got "${rest[0]}")`);
  if (!flags.format || !(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
    throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
  }
  if (!flags.out) throw new UsageError('export needs --out PATH');
  if (flags.spreadsheetSafe && flags.format !== 'csv') throw new UsageError(`--spreadsheet-safe applies to --format csv only (got ${flags.format})`);
  if (flags.encrypt && flags.format !== 'bundle') throw new UsageError(`--encrypt applies to --format bundle only (got ${flags.format})`);
  const passphrase = flags.encrypt ? await flags.bundlePassphrase?.(true) : undefined;
  if (flags.encrypt && passphrase === undefined) throw new UsageError('--encrypt needs a passphrase');
  const labels = flags.labels === undefined ? undefined : [...new Set(flags.labels.split(',').map((l) => parseLabel(l, '--labels')))];
  const scope = scopeFromFlags(flags);
  const controller = new AbortController();
  const signals = stopOnSignals(controller);
  try {
    const result = await exportCorpus(
      db,
      { format: flags.format as ExportFormat, out: resolve(flags.out), scope, ...(labels ? { labels } : {}), ...(flags.spreadsheetSafe ? { spreadsheetSafe: true } : {}), ...(passphrase !== undefined ? { passphrase } : {}) },
      { signal: controller.signal },
    );
    const leftOut = result.conflictsLeftOut
      ? `${result.conflictsLeftOut} unresolved conflict version(s) left out: each conflicted annotation is exported as this library's version; resolve them in the reader, or export a bundle, which keeps both`
      : null;
    out.result(
      { type: 'export', format: flags.format, ...result, encrypted: passphrase !== undefined },
      [`exported ${result.articles} article(s), ${result.spans} span(s), ${result.bytes} bytes to ${result.out}${passphrase !== undefined ? ', encrypted' : ''}`, ...(leftOut ? [leftOut] : []), ...result.notes],
    );
    return EXIT.ok;
  } catch (err) {
    const signal = signals.received();
    if (signal && err instanceof ExportError && err.code === 'cancelled') {
      out.error({ type: 'error', kind: 'interrupted', signal, message: 'export interrupted; nothing was written' }, `spanwise: export interrupted by ${signal}; nothing was written`);
      return SIGNAL_EXIT[signal];
    }
    // A destination the export may not use (the library itself, a missing folder, a non-empty brat folder) is the caller's to fix.
    if (err instanceof ExportError && err.code !== 'cancelled') throw new UsageError(err.message, false);
    throw err;
  } finally {
    signals.dispose();
  }
}
