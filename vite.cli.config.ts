import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const OUT = resolve('out/cli');
const MIGRATIONS = 'electron/core/store/migrations';

/**
 * Ships the migrations beside the bundle (the store reads them from disk) and writes
 * `inputs.json`: every source file the bundle was built from and when the build began.
 * bin/spanwise.js runs the bundle only while none of them is newer, so a checkout whose
 * source changed after the build (an edit, a pull) never runs stale code.
 */
function cliManifest(): Plugin {
  let startedAt = 0;
  let files: string[] = [];
  return {
    name: 'spanwise-cli-manifest',
    buildStart() {
      startedAt = Date.now();
    },
    generateBundle() {
      const sources = [...this.getModuleIds()]
        .filter((id) => isAbsolute(id) && !id.includes('/node_modules/'))
        .map((id) => relative(process.cwd(), id).split('\\').join('/'));
      const migrations = readdirSync(resolve(MIGRATIONS)).map((f) => `${MIGRATIONS}/${f}`);
      // The folder too: a migration added to it changes the folder's time.
      files = [...new Set([...sources, MIGRATIONS, ...migrations, 'package.json'])].sort();
    },
    closeBundle() {
      cpSync(resolve(MIGRATIONS), resolve(OUT, 'migrations'), { recursive: true });
      writeFileSync(resolve(OUT, 'inputs.json'), `${JSON.stringify({ startedAt, files }, null, 1)}\n`);
    },
  };
}

/**
 * The `spanwise` command as one ES module bundle (out/cli/spanwise.js) with its parse worker
 * beside it, so a command starts without compiling TypeScript. Dependencies stay in
 * node_modules (an SSR build externalises them); each verb is its own chunk, loaded when used.
 */
export default defineConfig({
  plugins: [cliManifest()],
  build: {
    ssr: true,
    outDir: OUT,
    target: 'node20',
    emptyOutDir: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        spanwise: resolve('electron/cli/main.ts'),
        // Started by the import's process pool (electron/core/import/hosts.ts looks beside its chunk).
        'parse-worker': resolve('electron/core/import/worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
