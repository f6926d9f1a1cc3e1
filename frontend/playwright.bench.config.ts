// The UI benchmarks (e2e-bench/): `make bench` runs them, `make test` and `make e2e` do not.
// Same browser and launch options as the e2e tests; one worker, so runs never overlap, and no
// traces or screenshots, which would cost CPU while frames are timed.
import { defineConfig } from '@playwright/test';
import e2e from './playwright.config';

export default defineConfig({
  ...e2e,
  testDir: './e2e-bench',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/bench',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 10 * 60_000,
  reporter: [['list']],
  use: { ...e2e.use, trace: 'off', screenshot: 'off', video: 'off' },
});
