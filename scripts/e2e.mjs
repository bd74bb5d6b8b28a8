#!/usr/bin/env node
/** Runs the real-Chromium e2e suite (vitest, tests/e2e/vitest.config.ts). Extra args pass through. */
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

if (!ensureChromium()) process.exit(1);

const result = spawnSync('npx', ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
