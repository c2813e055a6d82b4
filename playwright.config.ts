import { defineConfig } from '@playwright/test';

// Browsers are launched by the fixtures in e2e/support (Debian's Chromium, fresh profile, no network flags).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { actionTimeout: 15_000, trace: 'off' },
});
