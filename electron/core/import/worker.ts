import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pool';
import type { SourceSpec } from './types';
import { runParse } from './run';

/**
 * The parsing worker: reads, decodes and parses one input at a time and hands its drafts to the
 * main thread chunk by chunk. It parses ahead of the writing by one chunk, no more: enough for
 * parsing and writing to overlap (a small file is parsed whole and the worker moves on to the
 * next while the main thread writes it), little enough that a huge file never piles up in memory.
 */
/**
 * The way back to the importing process, whichever host this runs in (hosts.ts): a worker
 * thread's port, Electron's utility process port, or a forked child's IPC channel.
 */
interface Port {
  postMessage(message: FromWorker): void;
  on(listener: (message: ToWorker) => void): void;
}

function portOf(): Port {
  if (parentPort) {
    const thread = parentPort;
    return { postMessage: (m) => thread.postMessage(m), on: (fn) => void thread.on('message', fn) };
  }
  const utility = (process as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', fn: (e: { data: unknown }) => void): void } }).parentPort;
  if (utility) return { postMessage: (m) => utility.postMessage(m), on: (fn) => utility.on('message', (e) => fn(e.data as ToWorker)) };
  if (process.send) {
    // A child whose parent is gone has no one to parse for.
    process.on('disconnect', () => process.exit(0));
    return { postMessage: (m) => void process.send?.(m), on: (fn) => void process.on('message', (m) => fn(m as ToWorker)) };
  }
  throw new Error('the import parser runs only as a worker thread or a child process');
}

const port = portOf();

/** Chunks handed over and not yet written, beyond which the worker waits. */
const AHEAD = 1;

let current = 0;
let unwritten = 0;
let resume: (() => void) | null = null;

port.on((message: ToWorker) => {
  if (message.type === 'more') {
    if (message.task !== current) return;
    unwritten--;
    if (unwritten <= AHEAD && resume) {
      const go = resume;
      resume = null;
      go();
    }
  } else {
    void parse(message.task, message.spec);
  }
});

// Loaded and listening: a worker that dies after this failed on an input, not on starting.
port.postMessage({ type: 'ready' } satisfies FromWorker);

async function parse(task: number, spec: SourceSpec): Promise<void> {
  current = task;
  unwritten = 0;
  const send = (message: FromWorker) => port.postMessage(message);
  const end = await runParse(spec, (drafts) => {
    send({ type: 'drafts', task, drafts });
    unwritten++;
    return unwritten <= AHEAD ? Promise.resolve() : new Promise<void>((go) => (resume = go));
  });
  send({ type: 'end', task, end });
}
