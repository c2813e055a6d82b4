import react from '@vitejs/plugin-react';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** The store reads its numbered SQL migrations from disk; ship them beside the main bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'spanwise-copy-migrations',
    closeBundle() {
      cpSync(resolve('electron/core/store/migrations'), resolve('out/main/migrations'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: 'out/main',
      // The import parser (electron/core/import/pool.ts) and the library's full check
      // (electron/core/services/background-check.ts) run in worker threads, each from its own file.
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'parse-worker': resolve('electron/core/import/worker.ts'),
          'check-worker': resolve('electron/core/services/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules or other files: one CommonJS file.
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
      // Everything ships inside the app: no CDN, no remote fonts, no inlined data: URLs the CSP would refuse.
      assetsInlineLimit: 0,
    },
  },
});
