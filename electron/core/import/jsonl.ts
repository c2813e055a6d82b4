import { articleFromRecord } from './records';
import { groupProblems, jsonErrorMessage, type RecordProblem } from './problems';
import type { ImportDraft, ParseOutcome } from './types';

/**
 * The JSONL export format, one article per line. Good lines import even when others are broken,
 * and an article imports without the spans it cannot hold; every broken line and every span left
 * out is named by its line number. Blank lines are allowed anywhere.
 */
export function parseJsonl(raw: string, baseName: string): ParseOutcome {
  const drafts: ImportDraft[] = [];
  const warnings: string[] = [];
  const problems: RecordProblem[] = [];
  const lines = raw.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const at = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push({ at, reason: 'invalid JSON', detail: jsonErrorMessage(err) });
      continue;
    }
    const result = articleFromRecord(value, `${baseName} line ${at}`);
    if (!result.ok) {
      problems.push({ at, reason: result.reason });
      continue;
    }
    drafts.push({ ...result.draft, origin: `line ${at}` });
    warnings.push(...result.warnings.map((w) => `line ${at}: ${w}`));
    problems.push(...result.problems.map((reason) => ({ at, reason })));
  }
  const messages = groupProblems('line', problems);
  if (drafts.length === 0) {
    return { ok: false, reason: problems.length ? messages.join('; ') : 'no articles in file (every line is blank)' };
  }
  return { ok: true, drafts, warnings, problems: messages };
}
