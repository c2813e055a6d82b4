import type { MessageBoxOptions } from 'electron';
import type { BackgroundCheck } from '../core/services/background-check';
import type { CheckReport } from '../core/store/check';

/** What the analyst is told when the check after start finds damage; null when there is none. */
export function damageMessage(file: string, report: CheckReport): MessageBoxOptions | null {
  if (report.ok) return null;
  const shown = report.problems.slice(0, 5).join('\n');
  return {
    type: 'warning',
    message: 'Spanwise found damage in its library.',
    detail:
      `${file}\n\nThe full check (${report.mode}) reported:\n${shown}${report.problems.length > 5 ? '\n…' : ''}\n\n` +
      'Back up what you can now (Back up library…), then restore from an earlier backup (Restore from backup…). ' +
      'The same check runs from the command line: spanwise check --db FILE.',
  };
}

/**
 * Waits for the check started once the window showed and tells the analyst if it found damage.
 * A check that could not run at all is logged: the open already refused what it could see.
 */
export async function reportCheck(file: string, check: BackgroundCheck, show: (options: MessageBoxOptions) => unknown, log: (message: string) => void): Promise<void> {
  try {
    const report = await check.done;
    const message = damageMessage(file, report);
    if (message) show(message);
    else log(`library check: ${report.mode} found no damage in ${report.pages} pages (${report.ms} ms)`);
  } catch (err) {
    log(`library check did not run: ${(err as Error).message}`);
  }
}
