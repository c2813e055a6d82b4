/** A record (line, array entry) that could not be imported, and why. */
export interface RecordProblem {
  /** 1-based line or record number. */
  at: number;
  reason: string;
  /** Differs from record to record (a parser's message); only the first is shown for a group. */
  detail?: string;
}

const MAX_NUMBERS = 10;
const MAX_GROUPS = 20;

/**
 * Groups problems with the same reason so a file with many broken lines gives a readable message:
 * "lines 3, 7: invalid JSON (Unexpected token…)", "line 9: span s2 quote does not match the text".
 */
export function groupProblems(unit: 'line' | 'record', problems: RecordProblem[]): string[] {
  const groups = new Map<string, { ats: number[]; detail?: string }>();
  for (const p of problems) {
    const group = groups.get(p.reason);
    if (group) group.ats.push(p.at);
    else groups.set(p.reason, { ats: [p.at], ...(p.detail ? { detail: p.detail } : {}) });
  }
  const lines = [...groups].map(([reason, { ats, detail }]) => {
    const shown = ats.slice(0, MAX_NUMBERS).join(', ');
    const more = ats.length > MAX_NUMBERS ? ` and ${ats.length - MAX_NUMBERS} more` : '';
    return `${ats.length === 1 ? unit : `${unit}s`} ${shown}${more}: ${reason}${detail ? ` (${detail})` : ''}`;
  });
  if (lines.length <= MAX_GROUPS) return lines;
  const rest = [...groups.values()].slice(MAX_GROUPS).reduce((n, g) => n + g.ats.length, 0);
  return [...lines.slice(0, MAX_GROUPS), `${rest} more ${unit}s with other problems`];
}

/** Shortens quoted text for a message. */
export function excerpt(s: string, max = 40): string {
  const flat = s.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** A JSON.parse message without the echo of the input some engines append. */
export function jsonErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const short = message.replace(/,\s*".*" is not valid JSON$/s, '').replace(/\s+/g, ' ');
  return short.length > 100 ? `${short.slice(0, 99)}…` : short;
}
