import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto', './tests/unit/setup.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
    // The build tests share one package build per run (tests/unit/build/test-build.ts).
    provide: { testBuildRun: `${process.pid}-${Date.now()}` },
  },
});
