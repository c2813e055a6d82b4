import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type Host } from '../host/server';
import { CHROMIUM_ARGS, findChromium } from './chromium';

interface Fixtures {
  workDir: string;
  host: Host;
  context: BrowserContext;
  page: Page;
  /** Opens the app page (again) in the same browser profile, as a reload after a restart would. */
  openApp(): Promise<Page>;
}

export const test = base.extend<Fixtures>({
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'spanwise-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ workDir }, use) => {
    const host = await startHost({ dbFile: join(workDir, 'library.db') });
    await use(host);
    await host.close();
  },
  // Depends on the host so the browser closes first: a page left polling a closed store only logs noise.
  context: async ({ workDir, host: _host }, use) => {
    // A fresh profile per test: nothing carries over between tests.
    const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: findChromium(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    await use(context);
    await context.close();
  },
  page: async ({ context, host }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await appReady(page);
    await use(page);
  },
  openApp: async ({ context, host }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(host.url);
      await appReady(page);
      return page;
    });
  },
});

/**
 * The app draws its shell only once the library has said whether it is locked, so a spec that
 * acts on the page at once (a paste, a drop) waits for the shell, or for the unlock screen.
 */
async function appReady(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).or(page.getByRole('heading', { name: 'Unlock the library' })).first().waitFor();
}

export { expect };
