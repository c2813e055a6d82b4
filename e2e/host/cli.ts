import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startHost } from './server';

/** `npm run host -- --db FILE [--port N] [--samples] [--save-dir DIR]`: serves the built renderer on 127.0.0.1 for a browser. */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    samples: { type: 'boolean', default: false },
    renderer: { type: 'string' },
    'save-dir': { type: 'string' },
  },
});
if (!values.db) {
  console.error('usage: npm run host -- --db FILE [--port N] [--samples] [--renderer DIR] [--save-dir DIR]');
  process.exit(2);
}
const host = await startHost({
  dbFile: resolve(values.db),
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.renderer ? { rendererDir: values.renderer } : {}),
  ...(values.samples ? { sampleDir: resolve('resources/sample') } : {}),
  ...(values['save-dir'] ? { saveDir: resolve(values['save-dir']) } : {}),
});
console.log(host.url);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
