import type { FileOutcome, ImportReport } from './ipc/contract';

/** A report with its totals counted from its outcomes: the one place they are counted. */
export function reportOf(outcomes: FileOutcome[], cancelled: boolean): ImportReport {
  const count = (status: FileOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  return {
    outcomes,
    imported: count('imported'),
    partial: count('partial'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    skipped: count('skipped'),
    cancelledFiles: count('cancelled'),
    cancelled,
  };
}

function files(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}

/**
 * The sentence that sums up an import, for the app's report and the command line alike. A
 * cancelled import says what it kept: each file is written on its own, so the files imported
 * before the cancel stay imported.
 */
export function importSummary(report: ImportReport): string {
  const parts = [`${report.imported} imported`, `${report.partial} partly imported`, `${report.duplicates} duplicate`, `${report.failed} failed`];
  if (report.skipped > 0) parts.push(`${report.skipped} skipped`);
  const counts = parts.join(', ');
  if (!report.cancelled) return counts;
  const kept = report.imported + report.partial;
  const notImported = report.cancelledFiles > 0 ? `; ${files(report.cancelledFiles)} not imported` : '';
  if (kept === 0) return `Import cancelled: nothing was imported${notImported}`;
  return `Import cancelled: ${files(kept)} imported before the cancel ${kept === 1 ? 'was' : 'were'} kept (${counts})${notImported}`;
}
