import { articleFromRecord } from './records';
import { groupProblems, jsonErrorMessage, type RecordProblem } from './problems';
import type { ImportDraft, ParseOutcome } from './types';

/** A `.json` file: one article object in the export format, or an array of them. */
export function parseJson(raw: string, baseName: string): ParseOutcome {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { ok: false, reason: `invalid JSON${lineOf(raw, err)}: ${jsonErrorMessage(err)}` };
  }
  if (!Array.isArray(value)) {
    const result = articleFromRecord(value, baseName);
    return result.ok ? { ok: true, drafts: [result.draft], warnings: result.warnings, problems: result.problems } : { ok: false, reason: result.reason };
  }
  const drafts: ImportDraft[] = [];
  const warnings: string[] = [];
  const problems: RecordProblem[] = [];
  for (const [i, item] of value.entries()) {
    const at = i + 1;
    const result = articleFromRecord(item, `${baseName} ${at}`);
    if (!result.ok) {
      problems.push({ at, reason: result.reason });
      continue;
    }
    drafts.push({ ...result.draft, origin: `record ${at}` });
    warnings.push(...result.warnings.map((w) => `record ${at}: ${w}`));
    problems.push(...result.problems.map((reason) => ({ at, reason })));
  }
  const messages = groupProblems('record', problems);
  if (drafts.length === 0) return { ok: false, reason: problems.length ? messages.join('; ') : 'no articles in file (the list is empty)' };
  return { ok: true, drafts, warnings, problems: messages };
}

/** " at line 3" from the character position some JSON.parse messages give, so big files can be fixed. */
function lineOf(raw: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/\bline \d+/.test(message)) return '';
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const pos = Number(match[1]);
  let line = 1;
  for (let i = 0; i < pos && i < raw.length; i++) if (raw.charCodeAt(i) === 10) line++;
  return ` at line ${line}`;
}
