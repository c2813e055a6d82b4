// The parsing worker as a checkout runs it (the command line, tests, the test host): the
// TypeScript source through tsx, as bin/spanwise.js runs the command. The app runs the bundled
// parse-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
