#!/usr/bin/env node
// Runs the TypeScript command straight from a checkout: no build step between `npm install` and use.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
