import { availableParallelism } from 'node:os';
import { processHost, threadHost, workerScript, type HostLoss, type HostSpawner, type ParserHost } from './hosts';
import { runParse } from './run';
import type { HashedDraft, ParseEnd, ParseEvent, SourceSpec } from './types';

export type ToWorker = { type: 'parse'; task: number; spec: SourceSpec } | { type: 'more'; task: number };
export type FromWorker = { type: 'ready' } | { type: 'drafts'; task: number; drafts: HashedDraft[] } | { type: 'end'; task: number; end: ParseEnd };

/** One input being parsed: its events in order, and a way to stop it wherever it is. */
export interface ParseTask {
  /** The next chunk of drafts, or the end. Asking again means the last chunk was written. */
  next(): Promise<ParseEvent>;
  /** Stops the parse at once, even inside a long file; `next` then gives a cancelled end. */
  cancel(): void;
}

export interface Parser {
  start(spec: SourceSpec): ParseTask;
  close(): void;
}

export const CANCELLED: ParseEnd = { ok: false, reason: 'not imported: the import was cancelled' };

/** Events of one task, queued until its consumer asks for them. */
class Events {
  private queue: ParseEvent[] = [];
  private waiting: ((e: ParseEvent) => void) | null = null;
  ended = false;

  push(event: ParseEvent): void {
    if (this.ended) return;
    if (event.type === 'end') this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(event);
    } else this.queue.push(event);
  }

  next(): Promise<ParseEvent> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Whether an event is queued, or a consumer waits for one. */
  get pending(): boolean {
    return this.queue.length > 0 || this.waiting !== null;
  }
}

/** Parses on the calling thread: for tests, and where a worker cannot be started. */
export function inlineParser(): Parser {
  return {
    start(spec) {
      const events = new Events();
      // The parse waits after each chunk until the consumer asks for the next, so an unread file
      // never piles up in memory; a cancel refuses that wait, which ends the parse there.
      let waiting: { resume: () => void; refuse: (err: Error) => void } | null = null;
      let owed = false;
      void runParse(spec, (drafts) =>
        new Promise<void>((resume, refuse) => {
          if (events.ended) return refuse(new Error('cancelled'));
          waiting = { resume, refuse };
          events.push({ type: 'drafts', drafts });
        }),
      ).then((end) => events.push({ type: 'end', end }), () => undefined);
      return {
        next() {
          if (owed) {
            owed = false;
            const go = waiting;
            waiting = null;
            go?.resume();
          }
          const next = events.next();
          void next.then((e) => (owed = e.type === 'drafts'));
          return next;
        },
        cancel() {
          events.push({ type: 'end', end: CANCELLED });
          const stop = waiting;
          waiting = null;
          stop?.refuse(new Error('cancelled'));
        },
      };
    },
    close() {},
  };
}

interface Running {
  id: number;
  spec: SourceSpec;
  events: Events;
  slot: Slot | null;
  owed: boolean;
  /** Set when the task is parsed in-process after all (no worker could start): it then runs on this. */
  inline: ParseTask | null;
}

interface Slot {
  worker: ParserHost;
  task: Running | null;
  idleTimer: NodeJS.Timeout | null;
  /** Whether it said it is ready: a worker that dies before that could not start at all. */
  ready: boolean;
  /** Stops a parse that hands over nothing for too long. */
  watchdog: NodeJS.Timeout | null;
}

const sizeOf = (mb: number) => (mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`);

/** Idle workers are stopped after this long: they hold a parser's worth of memory. */
const IDLE_MS = 30_000;

/**
 * Heap a parser may use. A saved page of a few MB takes a DOM a hundred times its size; without a
 * limit of its own a pathological input grows a parser until the whole app is out of memory.
 * With one, that parser alone stops and its file fails with the reason.
 */
const WORKER_HEAP_MB = 2048;

/**
 * Longest a worker may parse without handing over anything: a whole file, or one chunk of a
 * dataset. A parser caught in a pathological input (deeply nested markup, say) is stopped there
 * and its file refused with the limit, instead of holding a worker, and the import, for ever.
 */
export const PARSE_STEP_SECONDS = 120;

export interface WorkerLimits {
  heapMb?: number;
  stepSeconds?: number;
}

/**
 * Parses in worker threads (see hosts.ts for why the app parses in child processes instead).
 * The script is the worker's module; tests give one of their own.
 */
export function workerParser(size = defaultSize(), script = workerScript, limits: WorkerLimits = {}): Parser {
  return hostedParser(size, threadHost(script), limits);
}

/**
 * Parses in child processes (or whatever `spawner` starts), so that no input, however it uses
 * memory, can end the process that imports it: a parser that dies takes only its file with it.
 */
export function processParser(size = defaultSize(), spawner: HostSpawner = processHost(), limits: WorkerLimits = {}): Parser {
  return hostedParser(size, spawner, limits);
}

function defaultSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Parses off the main thread, so reading and parsing a large page or dataset never holds it
 * (progress, cancel and every annotation save keep answering). Each parser parses one input at a
 * time; inputs started beyond the number of parsers wait their turn. Cancelling a task that is
 * being parsed stops its parser there and then.
 */
function hostedParser(size: number, spawner: HostSpawner, limits: WorkerLimits): Parser {
  const heapMb = limits.heapMb ?? WORKER_HEAP_MB;
  const stepMs = (limits.stepSeconds ?? PARSE_STEP_SECONDS) * 1000;
  const slots: Slot[] = [];
  const queue: Running[] = [];
  let ids = 0;
  let closed = false;
  let broken: string | null = null;
  let warned = false;

  const spawn = (): Slot => {
    const worker = spawner({ heapMb });
    const slot: Slot = { worker, task: null, idleTimer: null, ready: false, watchdog: null };
    slot.worker.onMessage((message: FromWorker) => {
      if (message.type === 'ready') {
        slot.ready = true;
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.task) return;
      if (message.type === 'drafts') {
        task.events.push({ type: 'drafts', drafts: message.drafts });
        // Writing the chunk is the main thread's time, not the parser's: the clock runs again once the next one is asked for.
        unwatch(slot);
      } else {
        task.events.push({ type: 'end', end: message.end });
        release(slot);
      }
    });
    const lost = (reason: string) => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      const task = slot.task;
      slot.task = null;
      if (!slot.ready) {
        // A worker that fails before it is ready could not start at all (its script could not be
        // loaded): every import would fail the same way, so parse in-process instead.
        broken = reason;
        if (task) fallBack(task, reason);
      } else task?.events.push({ type: 'end', end: { ok: false, reason: `could not be read: the parser stopped (${reason})` } });
      pump();
    };
    slot.worker.onLost((loss: HostLoss) => slots.includes(slot) && lost(loss.outOfMemory ? `it ran out of the ${sizeOf(heapMb)} a parser may use` : loss.detail));
    slots.push(slot);
    return slot;
  };

  /** (Re)starts the slot's clock: the worker has until then to hand over its next chunk or end. */
  const watch = (slot: Slot) => {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = setTimeout(() => {
      const task = slot.task;
      if (!task) return;
      slot.task = null;
      stop(slot);
      task.events.push({ type: 'end', end: { ok: false, reason: `refused: parsing took longer than ${stepMs / 1000} s, the limit for a file (or one part of a dataset)` } });
      pump();
    }, stepMs);
    slot.watchdog.unref();
  };

  const unwatch = (slot: Slot) => {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
  };

  const release = (slot: Slot) => {
    unwatch(slot);
    slot.task = null;
    // An idle worker must not keep a finished command line alive.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => stop(slot), IDLE_MS);
    slot.idleTimer.unref();
    pump();
  };

  const stop = (slot: Slot) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.worker.stop();
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      if (broken !== null) {
        fallBack(queue.shift() as Running, broken);
        continue;
      }
      let slot = slots.find((s) => s.task === null);
      if (!slot && slots.length < size) {
        try {
          slot = spawn();
        } catch (err) {
          // No worker to be had (a broken install): parse in-process rather than not at all.
          broken = (err as Error).message;
          continue;
        }
      }
      if (!slot) return;
      const task = queue.shift() as Running;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.task = task;
      task.slot = slot;
      slot.worker.ref();
      slot.worker.post({ type: 'parse', task: task.id, spec: task.spec } satisfies ToWorker);
      watch(slot);
    }
  };

  const fallBack = (task: Running, why: string) => {
    if (task.events.ended) return;
    if (!warned) console.error(`import: no parsing worker (${why}); parsing on the main thread`);
    warned = true;
    task.slot = null;
    task.inline = inlineParser().start(task.spec);
    // From here the consumer takes events from the in-process parse itself, chunk by chunk as it
    // writes them (so it is held back as a worker is, and a cancel stops it); one already waiting
    // on this task's own queue gets its event passed on.
    if (task.events.pending) void task.inline.next().then((event) => task.events.push(event));
  };

  return {
    start(spec) {
      const task: Running = { id: ++ids, spec, events: new Events(), slot: null, owed: false, inline: null };
      queue.push(task);
      pump();
      return {
        next() {
          if (task.owed && task.slot) {
            task.slot.worker.post({ type: 'more', task: task.id } satisfies ToWorker);
            watch(task.slot);
          }
          task.owed = false;
          // Once the relayed first event is taken, the in-process parse answers directly.
          if (task.inline && !task.events.pending && !task.events.ended) return task.inline.next();
          const next = task.events.next();
          void next.then((e) => (task.owed = e.type === 'drafts'));
          return next;
        },
        cancel() {
          task.inline?.cancel();
          if (task.events.ended) return;
          const queued = queue.indexOf(task);
          if (queued >= 0) queue.splice(queued, 1);
          task.events.push({ type: 'end', end: CANCELLED });
          const slot = task.slot;
          if (slot && slot.task === task) {
            slot.task = null;
            stop(slot);
            pump();
          }
        },
      };
    },
    close() {
      closed = true;
      for (const task of queue.splice(0)) task.events.push({ type: 'end', end: CANCELLED });
      for (const slot of [...slots]) {
        slot.task?.events.push({ type: 'end', end: CANCELLED });
        stop(slot);
      }
    },
  };
}

let shared: Parser | null = null;
let spawner: HostSpawner | null = null;

/**
 * Where the process's parser starts its hosts: child processes by default; the app gives
 * Electron's utility process (its own binary cannot be started as Node once its fuses are set).
 */
export function useParserHosts(hosts: HostSpawner): void {
  spawner = hosts;
}

/** The process's parser: parsers started on first use, stopped when idle. */
export function sharedParser(): Parser {
  shared ??= processParser(defaultSize(), spawner ?? processHost());
  return shared;
}
