import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pool';
import { runParse } from './run';

/**
 * The parsing worker: reads, decodes and parses one input at a time and hands its drafts to the
 * main thread chunk by chunk, waiting after each until the main thread has written it.
 */
const port = parentPort;
if (!port) throw new Error('the import parser runs only as a worker thread');

let more: (() => void) | null = null;

port.on('message', (message: ToWorker) => {
  if (message.type === 'more') {
    const resume = more;
    more = null;
    resume?.();
  } else {
    void parse(message.task, message.spec);
  }
});

async function parse(task: number, spec: Extract<ToWorker, { type: 'parse' }>['spec']): Promise<void> {
  const send = (message: FromWorker) => port?.postMessage(message);
  const end = await runParse(spec, (drafts) =>
    new Promise<void>((resolve) => {
      more = resolve;
      send({ type: 'drafts', task, drafts });
    }),
  );
  send({ type: 'end', task, end });
}
