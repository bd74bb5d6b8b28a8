import { defineConfig } from 'vitest/config';

/** Real-Chromium end-to-end tests: one file at a time (they share port 80), generous timeouts. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    // A busy CI machine can take seconds for a background write to land; a poll that never matches still fails.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
