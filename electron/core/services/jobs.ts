import { randomUUID } from 'node:crypto';
import type { ExportSummary, ImportReport, Job, PassphraseRequest } from '../../../shared/ipc/contract';
import type { SuggestSummary } from '../../../shared/ipc/entities';

export interface JobOutcome {
  report?: ImportReport;
  exported?: ExportSummary;
  suggested?: SuggestSummary;
}

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number): void;
  /** Shows (or, with null, takes back) what the task waits on from the analyst. */
  waitFor(request: PassphraseRequest | null): void;
}

interface Entry {
  job: Job;
  controller: AbortController;
  finishedAt: number | null;
}

/** Finished jobs stay readable this long so a slow poller still gets the report. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

/** A task that stopped because it was cancelled says so with its error's code. */
function isCancellation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'cancelled';
}

/**
 * Long tasks run in the background and are polled: the same contract works over Electron IPC and
 * the test host's HTTP, with progress and cancellation, and no push channel to keep in step.
 */
export function createJobs() {
  const entries = new Map<string, Entry>();

  const prune = () => {
    const now = Date.now();
    for (const [id, e] of entries) if (e.finishedAt !== null && now - e.finishedAt > KEEP_FINISHED_MS) entries.delete(id);
  };

  function start(kind: Job['kind'], run: (ctx: JobContext) => Promise<JobOutcome>): Job {
    prune();
    const controller = new AbortController();
    const job: Job = { id: randomUUID(), kind, state: 'running', done: 0, total: 0, report: null, exported: null, suggested: null, error: null };
    const entry: Entry = { job, controller, finishedAt: null };
    entries.set(job.id, entry);
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total) => {
        job.done = done;
        job.total = total;
      },
      waitFor: (request) => {
        job.passphrase = request;
      },
    };
    // Started on the next turn so the caller gets the job before any progress happens.
    setImmediate(() => {
      run(ctx)
        // The state follows what the task did, not whether a cancel was asked for: a cancel that
        // arrives after an export's final rename leaves the file written, so that job is done.
        .then((outcome) => {
          job.report = outcome.report ?? null;
          job.exported = outcome.exported ?? null;
          job.suggested = outcome.suggested ?? null;
          job.state = outcome.report?.cancelled || outcome.suggested?.cancelled ? 'cancelled' : 'done';
        })
        .catch((err: unknown) => {
          job.state = controller.signal.aborted || isCancellation(err) ? 'cancelled' : 'failed';
          job.error = (err as Error)?.message ?? String(err);
        })
        .finally(() => {
          job.passphrase = null;
          entry.finishedAt = Date.now();
        });
    });
    return { ...job };
  }

  function get(id: string): Job | null {
    const entry = entries.get(id);
    return entry ? { ...entry.job } : null;
  }

  function cancel(id: string): Job | null {
    const entry = entries.get(id);
    if (!entry) return null;
    if (entry.job.state === 'running') entry.controller.abort();
    return { ...entry.job };
  }

  /** Whether a cancel was asked for (the job may still be finishing its current step). */
  function aborted(id: string): boolean {
    return entries.get(id)?.controller.signal.aborted ?? false;
  }

  /** Resolves when the job has finished; for the command line and tests. */
  async function settle(id: string): Promise<Job> {
    for (;;) {
      const job = get(id);
      if (!job) throw new Error(`no job ${id}`);
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  return { start, get, cancel, aborted, settle };
}

export type Jobs = ReturnType<typeof createJobs>;
