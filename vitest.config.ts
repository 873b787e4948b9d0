import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // No test is timed (speed lives in npm run bench); whole-catalog sweeps take longer than vitest's
    // 5 s default on a shared two-core machine, and a timeout there is noise, not a finding.
    testTimeout: 60_000,
  },
});
