import { utilityProcess } from 'electron';
import { lossOf, stderrTail, type HostLoss, type HostSpawner } from '../core/import/hosts';
import type { FromWorker } from '../core/import/pool';

/**
 * The import parser in Electron's utility processes: the app's own binary cannot be started as
 * Node once its fuses are set (no ELECTRON_RUN_AS_NODE), and a worker thread shares the app's
 * process, so a parse that V8 ends with a fatal out-of-memory error would end the app. A utility
 * process has its own heap limit and dies alone; the pool then refuses that file with the limit.
 */
export function utilityParserHosts(script: string): HostSpawner {
  return ({ heapMb }) => {
    const child = utilityProcess.fork(script, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'Spanwise import parser',
    });
    const tail = stderrTail();
    child.stderr?.on('data', (chunk: Buffer) => tail.add(chunk));
    let lost: ((l: HostLoss) => void) | null = null;
    let gone = false;
    child.on('exit', (code) => {
      if (gone) return;
      gone = true;
      lost?.(lossOf(code, null, tail.text));
    });
    return {
      post: (m) => child.postMessage(m),
      onMessage: (fn) => void child.on('message', (m: FromWorker) => fn(m)),
      onLost: (fn) => void (lost = fn),
      // A utility process does not hold the app open; the app quits on its own terms.
      ref: () => undefined,
      unref: () => undefined,
      stop: () => {
        gone = true;
        child.kill();
      },
    };
  };
}
