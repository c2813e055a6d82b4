import { existsSync } from 'node:fs';
import { join } from 'node:path';
import config from '../../electron.vite.config';
import { ROOT } from './proc';

/**
 * Builds the renderer from the current source into `outDir` with the project's own renderer
 * config (electron.vite.config.ts) and the defaults electron-vite adds to it (relative base, no
 * minification, no module-preload polyfill), so the bench measures the code as it is now without
 * touching the out/ folder that the end-to-end tests use.
 */
export async function buildRenderer(outDir: string): Promise<string> {
  if (typeof config !== 'object' || config === null || !('renderer' in config) || !config.renderer) {
    throw new Error('electron.vite.config.ts has no renderer section');
  }
  const { renderer } = config;
  const { build } = await import('vite');
  await build({
    ...renderer,
    configFile: false,
    mode: 'production',
    base: './',
    root: join(ROOT, 'renderer'),
    logLevel: 'error',
    build: {
      ...renderer.build,
      outDir,
      emptyOutDir: true,
      minify: false,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      target: 'es2022',
    },
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`the renderer build wrote no index.html to ${outDir}`);
  return outDir;
}
