import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { terminalSafe, UsageError } from './output';

/**
 * Where the command finds a passphrase, in this order: the named file (its first line, so a
 * file written by `echo` works), the environment variable, else the terminal, asked without
 * echo. A script with no terminal gets a usage error naming both ways instead of a hang.
 */
export interface PassphraseSource {
  /** What the passphrase opens, for the prompt and the error: "library.db". */
  what: string;
  /** The option that names a file holding it, and the path given with it (if any). */
  fileOption: string;
  file?: string | undefined;
  envName: string;
  /** A new passphrase is asked twice on the terminal, so a typo does not lock the analyst out. */
  confirm?: boolean;
}

export interface PassphraseIo {
  env: Record<string, string | undefined>;
  input: HiddenInput | null;
  output: NodeJS.WritableStream;
}

/** The part of a TTY stream the hidden prompt uses, so a test can play the terminal. */
export interface HiddenInput {
  isRaw?: boolean;
  setRawMode(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** Ctrl-C at a passphrase prompt: the command stops as it would on SIGINT. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at the passphrase prompt');
  }
}

const MAX_FILE_BYTES = 64 * 1024;

export function terminalIo(): PassphraseIo {
  const stdin = process.stdin;
  return { env: process.env, input: stdin.isTTY ? (stdin as HiddenInput) : null, output: process.stderr };
}

export async function readPassphrase(source: PassphraseSource, io: PassphraseIo): Promise<string> {
  if (source.file !== undefined) return fromFile(source);
  const fromEnv = io.env[source.envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.input) {
    throw new UsageError(`${source.what} needs a passphrase and there is no terminal to ask it on: give ${source.fileOption} FILE or set ${source.envName}`, false);
  }
  const first = await askHidden(`Passphrase for ${terminalSafe(source.what)}: `, io.input, io.output);
  if (first === '') throw new UsageError('a passphrase may not be empty', false);
  if (source.confirm) {
    const again = await askHidden('Type it again: ', io.input, io.output);
    if (again !== first) throw new UsageError('the two passphrases differ; nothing was changed', false);
  }
  return first;
}

function fromFile(source: PassphraseSource): string {
  const path = resolve(source.file as string);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new UsageError(`${source.fileOption} ${source.file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, false);
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`${source.fileOption} ${source.file}: ${size} bytes is no passphrase file (at most ${MAX_FILE_BYTES})`, false);
  const [line = ''] = readFileSync(path, 'utf8').split(/\r?\n/, 1);
  if (line === '') throw new UsageError(`${source.fileOption} ${source.file}: its first line is empty`, false);
  return line;
}

/** Reads one line from a terminal in raw mode, echoing nothing; Backspace edits, Ctrl-C cancels. */
export function askHidden(prompt: string, input: HiddenInput, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    output.write(prompt);
    const wasRaw = input.isRaw ?? false;
    input.setRawMode(true);
    let value = '';
    const finish = (result: () => void) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      result();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(() => resolvePromise(value));
        if (ch === '\u0003') return finish(() => reject(new PromptCancelled()));
        if (ch === '\u0004' && value === '') return finish(() => resolvePromise(''));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
