#!/usr/bin/env node
// Runs the command's bundle (out/cli, built by `npm run build:cli` and `npm run build`) while it
// is newer than every source it was built from; otherwise the TypeScript source through tsx,
// which works in any checkout straight after `npm install` but compiles at every start.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function freshBundle() {
  try {
    const { startedAt, files } = JSON.parse(readFileSync(join(root, 'out/cli/inputs.json'), 'utf8'));
    if (typeof startedAt !== 'number' || !Array.isArray(files) || files.length === 0) return null;
    for (const file of files) if (statSync(join(root, file)).mtimeMs > startedAt) return null;
    return join(root, 'out/cli/spanwise.js');
  } catch {
    // No bundle, or a source it was built from is gone.
    return null;
  }
}

const bundle = freshBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  if (process.stderr.isTTY) {
    process.stderr.write('spanwise: running from source (compiled at every start); `npm run build:cli` makes it start at once\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
