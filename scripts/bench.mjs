#!/usr/bin/env node
/** `npm run bench`: real-Chromium benchmarks (bench/run.ts via tsx); prints a table and writes .bench/results.json. */
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['tsx', 'bench/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
