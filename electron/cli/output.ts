/** Where the command writes: text for people, one JSON object per line with --json. */
export interface Output {
  json: boolean;
  result(value: Record<string, unknown>, text: string): void;
  error(value: Record<string, unknown>, text: string): void;
}

export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result: (value, text) => out.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`),
    error: (value, text) => err.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`),
  };
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** False for a refused argument whose message says all (the usage text would bury it). */
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, someFailed: 1, usage: 2, interrupted: 130 } as const;
