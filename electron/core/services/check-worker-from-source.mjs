// The check worker as a checkout runs it (tests, the test host): the TypeScript source through
// tsx. The app runs the bundled check-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
