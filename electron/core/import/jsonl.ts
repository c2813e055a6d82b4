import { articleFromRecord } from './records';
import { groupProblems, jsonErrorMessage, type RecordProblem } from './problems';
import type { ImportDraft, ParseOutcome } from './types';

/** Problems and notes kept per file; a dataset with a broken line in every record still gives a short report. */
const MAX_KEPT = 10_000;

/**
 * Reads JSONL one line at a time, whether the file is in memory or streamed: drafts come out as
 * lines are given, and what went wrong is kept, by line number, for the end.
 */
export class JsonlLines {
  /** Drafts read since the caller last took them. */
  drafts: ImportDraft[] = [];
  count = 0;
  private readonly warnings: string[] = [];
  private readonly problems: RecordProblem[] = [];
  private extraProblems = 0;
  private extraWarnings = 0;

  constructor(private readonly baseName: string) {}

  /** One line of the file (1-based `at`), without its line break. */
  line(text: string, at: number): void {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.problem(at, 'invalid JSON', jsonErrorMessage(err));
      return;
    }
    const result = articleFromRecord(value, `${this.baseName} line ${at}`);
    if (!result.ok) {
      this.problem(at, result.reason);
      return;
    }
    this.drafts.push({ ...result.draft, origin: `line ${at}` });
    this.count++;
    for (const w of result.warnings) this.warning(`line ${at}: ${w}`);
    for (const reason of result.problems) this.problem(at, reason);
  }

  problem(at: number, reason: string, detail?: string): void {
    if (this.problems.length < MAX_KEPT) this.problems.push({ at, reason, ...(detail ? { detail } : {}) });
    else this.extraProblems++;
  }

  warning(text: string): void {
    if (this.warnings.length < MAX_KEPT) this.warnings.push(text);
    else this.extraWarnings++;
  }

  /** The file's notes once every line was given. */
  finish(): { ok: true; warnings: string[]; problems: string[] } | { ok: false; reason: string } {
    const messages = groupProblems('line', this.problems);
    if (this.extraProblems) messages.push(`and ${this.extraProblems} more lines with problems`);
    const warnings = this.extraWarnings ? [...this.warnings, `and ${this.extraWarnings} more notes`] : this.warnings;
    if (this.count === 0) return { ok: false, reason: this.problems.length ? messages.join('; ') : 'no articles in file (every line is blank)' };
    return { ok: true, warnings, problems: messages };
  }
}

/**
 * The JSONL export format, one article per line. Good lines import even when others are broken,
 * and an article imports without the spans it cannot hold; every broken line and every span left
 * out is named by its line number. Blank lines are allowed anywhere.
 */
export function parseJsonl(raw: string, baseName: string): ParseOutcome {
  const reader = new JsonlLines(baseName);
  raw.split('\n').forEach((line, i) => reader.line(line, i + 1));
  const end = reader.finish();
  return end.ok ? { ...end, drafts: reader.drafts } : end;
}
