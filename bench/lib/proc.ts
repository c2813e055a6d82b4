import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ProcResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, milliseconds. */
  wallMs: number;
}

/** Runs `node ARGS...` from the checkout and waits for it; stdout and stderr are collected. */
export function runNode(args: string[], options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ProcResult> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      ok({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), wallMs: performance.now() - started }),
    );
  });
}

/** Runs one of bench/children/*.ts in a fresh Node process with the TypeScript loader the command uses. */
export async function runChild<T>(script: string, args: string[], nodeArgs: string[] = []): Promise<T & { wallMs: number }> {
  const r = await runNode([resolve(ROOT, 'bench/children', script), ...args], { nodeArgs: [...nodeArgs, '--import', 'tsx'] });
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${r.code}:\n${r.stderr.slice(-4000)}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(last) as T), wallMs: r.wallMs };
}

/** The command as a user runs it: node bin/spanwise.js ARGS. */
export function spanwise(args: string[], nodeArgs: string[] = []): Promise<ProcResult> {
  return runNode([resolve(ROOT, 'bin/spanwise.js'), ...args], { nodeArgs });
}
