import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pool';

/**
 * Where a parse runs: a worker thread, a child process, or (in the app) Electron's utility
 * process, which main provides. The pool (pool.ts) treats them alike: it posts inputs, takes
 * drafts, and hears once when the host is gone and why.
 */
export interface ParserHost {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Heard once, when the host stops on its own: what happened, in words for the report. */
  onLost(listener: (lost: HostLoss) => void): void;
  /** Whether a host left idle may keep the process alive (a finished command line must exit). */
  ref(): void;
  unref(): void;
  stop(): void;
}

export interface HostLoss {
  outOfMemory: boolean;
  /** 'exit code 3', 'signal SIGABRT', or the error's message. */
  detail: string;
}

export type HostSpawner = (limits: { heapMb: number }) => ParserHost;

/** What a fatal V8 out-of-memory prints before the process dies. */
const OOM = /heap out of memory|Allocation failed|invalid table size|invalid array length|Reached heap limit/i;

/** Keeps the end of what a process writes to stderr, to tell an out-of-memory death from another. */
export function stderrTail(limit = 4096): { add(chunk: Buffer | string): void; readonly text: string } {
  let text = '';
  return {
    add(chunk) {
      text = (text + chunk.toString()).slice(-limit);
    },
    get text() {
      return text;
    },
  };
}

/** A host's death in words, from its exit and the end of its stderr. */
export function lossOf(code: number | null, signal: string | null, stderr: string): HostLoss {
  return { outOfMemory: OOM.test(stderr), detail: signal ? `signal ${signal}` : `exit code ${code}` };
}

/**
 * A worker thread with a heap limit of its own. It shares the process: a parse that runs out of
 * memory in V8's ordinary way stops only the thread, but some allocations (a builtin such as
 * JSON.parse or Array.prototype.fill growing one huge object) end the whole process with a fatal
 * error that no worker limit contains. Used where that cannot matter (tests of the pool itself).
 */
export function threadHost(script: () => { url: URL; execArgv: string[] }): HostSpawner {
  return ({ heapMb }) => {
    const { url, execArgv } = script();
    const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    let lost: ((l: HostLoss) => void) | null = null;
    let gone = false;
    const lose = (l: HostLoss) => {
      if (gone) return;
      gone = true;
      lost?.(l);
    };
    worker.on('error', (err) => lose({ outOfMemory: (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY', detail: err.message }));
    worker.on('exit', (code) => lose({ outOfMemory: false, detail: `exit code ${code}` }));
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (fn) => void worker.on('message', fn),
      onLost: (fn) => void (lost = fn),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
      stop: () => {
        gone = true;
        void worker.terminate();
      },
    };
  };
}

/**
 * A child process with V8's heap limit set: whatever a parse does to its memory, only the child
 * dies, and the pool refuses the file with the limit. Used by the command line, the test host and
 * the tests; the app uses Electron's utility process the same way (electron/main).
 */
export function processHost(script: () => { path: string; execArgv: string[] } = processScript): HostSpawner {
  return ({ heapMb }) => {
    const { path, execArgv } = script();
    const child = fork(path, [], {
      execArgv: [...execArgv, `--max-old-space-size=${heapMb}`],
      // Structured clone, as for a worker: drafts carry the original file's bytes as a Uint8Array.
      serialization: 'advanced',
      // The parser prints nothing that belongs on the command's stdout; its stderr tells how it died.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const tail = stderrTail();
    child.stderr?.on('data', (chunk: Buffer) => tail.add(chunk));
    let lost: ((l: HostLoss) => void) | null = null;
    let gone = false;
    const lose = (l: HostLoss) => {
      if (gone) return;
      gone = true;
      lost?.(l);
    };
    child.on('error', (err) => lose({ outOfMemory: false, detail: err.message }));
    // 'close' comes after stderr has been read to its end, so the tail holds the fatal error.
    child.on('close', (code, signal) => lose(lossOf(code, signal, tail.text)));
    const handles = () => [child, child.channel, child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[];
    return {
      post: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (fn) => void child.on('message', (m) => fn(m as FromWorker)),
      onLost: (fn) => void (lost = fn),
      ref: () => handles().forEach((h) => h?.ref?.()),
      unref: () => handles().forEach((h) => h?.unref?.()),
      stop: () => {
        gone = true;
        child.kill('SIGKILL');
      },
    };
  };
}

/**
 * The parser's script: the bundled `parse-worker.js` beside the app's main bundle, or, from a
 * checkout (the command line, tests, the test host), this folder's TypeScript run through tsx.
 * A worker or child starts without the parent's loader, so the TypeScript needs a plain module to start it.
 */
function scriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..')]) {
    const bundled = join(dir, 'parse-worker.js');
    if (existsSync(bundled)) return bundled;
  }
  return join(here, 'worker-from-source.mjs');
}

export function workerScript(): { url: URL; execArgv: string[] } {
  return { url: pathToFileURL(scriptPath()), execArgv: [] };
}

export function processScript(): { path: string; execArgv: string[] } {
  return { path: scriptPath(), execArgv: [] };
}
