import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, CheckReport } from '../store/check';

export interface BackgroundCheck {
  /** The report, or the reason the check could not run (the library could not be read at all). */
  done: Promise<CheckReport>;
  /** Stops the check where it is (the app is quitting); `done` then rejects. */
  cancel(): void;
}

function workerUrl(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..')]) {
    const bundled = join(dir, 'check-worker.js');
    if (existsSync(bundled)) return pathToFileURL(bundled);
  }
  return pathToFileURL(join(here, 'check-worker-from-source.mjs'));
}

/**
 * The full check (store/check.ts) of a library that is open and in use, on a worker thread with
 * a read-only connection of its own: the main thread keeps answering the window meanwhile, and
 * the check sees the library as of its start, whatever is written after.
 */
export function checkInBackground(file: string, options: CheckOptions = {}): BackgroundCheck {
  const worker = new Worker(workerUrl(), { workerData: { file, options } });
  let settled = false;
  const done = new Promise<CheckReport>((resolve, reject) => {
    worker.once('message', (message: { ok: true; report: CheckReport } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.report);
      else reject(new Error(message.message));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the library check stopped (exit code ${code})`));
    });
  });
  return {
    done,
    cancel: () => {
      void worker.terminate();
    },
  };
}
