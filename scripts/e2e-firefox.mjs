#!/usr/bin/env node
/**
 * Runs the real-Firefox e2e suite (vitest, tests/e2e-firefox/vitest.config.ts). Extra args pass through.
 * A missing Firefox fails the run (exit 1) rather than skipping it, like the Chromium runner.
 */
import { spawnSync } from 'node:child_process';
import { ensureFirefox } from './ensure-firefox.mjs';

if (!ensureFirefox()) process.exit(1);

const result = spawnSync('npx', ['vitest', 'run', '--config', 'tests/e2e-firefox/vitest.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
