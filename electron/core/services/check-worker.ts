import { parentPort, workerData } from 'node:worker_threads';
import { checkLibrary, type CheckOptions } from '../store/check';

/** The full check on its own thread and connection: a large library takes seconds to read whole. */
const port = parentPort;
if (!port) throw new Error('the library check runs only as a worker thread');
const { file, options } = workerData as { file: string; options: CheckOptions };
try {
  port.postMessage({ ok: true, report: checkLibrary(file, options) });
} catch (err) {
  port.postMessage({ ok: false, message: (err as Error).message });
}
