#!/usr/bin/env node
/**
 * `npm start`: builds the extension and shows it working, headless and offline, on the embedded
 * default — a bundle built by our CLI from the committed demo Markdown (or ../shared when present)
 * served locally — then writes screenshots of the popup, badge and sidebar and prints their paths.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env };
const result = spawnSync('npx', ['tsx', join(root, 'scripts', 'demo.ts')], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
