import { defineConfig } from 'vitest/config';

/**
 * Real-Firefox end-to-end tests: one file at a time (they share the local server's port), generous
 * timeouts. Their scratch space, build and profiles are the `firefox` e2e instance (or `<instance>-firefox`),
 * so a Firefox run never deletes a Chromium run's build.
 */
const instance = process.env.E2E_INSTANCE ? `${process.env.E2E_INSTANCE.replace(/-?firefox$/, '')}-firefox` : 'firefox';
process.env.E2E_INSTANCE = instance;

export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.spec.ts'],
    globalSetup: ['tests/e2e-firefox/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    env: { E2E_INSTANCE: instance },
  },
});
