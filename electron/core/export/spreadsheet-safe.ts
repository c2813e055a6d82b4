/*
 * Spreadsheet tools run a cell that starts with = + - or @ as a formula (and some strip a leading
 * tab or CR first), so a quote such as "=HYPERLINK(...)" in an article would become a live link
 * or a command when the CSV is opened. The usual defence (OWASP's "CSV injection") is an
 * apostrophe before such a cell: spreadsheets show the cell as text and hide the apostrophe.
 * It changes the data, so it is an option (on by default in the app's export dialog) and the
 * export's summary says how many cells it touched.
 */

import { plural } from '../../../shared/plural';

const FORMULA_START = /^[=+\-@\t\r]/;

export interface SafeCells {
  /** The cell as written: prefixed with an apostrophe when a spreadsheet would read it as a formula. */
  cell(value: string): string;
  /** What the export's summary says about it. */
  note(): string;
}

export function spreadsheetSafe(): SafeCells {
  let prefixed = 0;
  return {
    cell: (value) => {
      if (!FORMULA_START.test(value)) return value;
      prefixed++;
      return `'${value}`;
    },
    note: () =>
      `spreadsheet-safe: ${plural(prefixed, 'cell')} starting with =, +, -, @, a tab or a CR prefixed with an apostrophe (') so spreadsheet tools show them as text instead of running a formula`,
  };
}
