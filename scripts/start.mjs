#!/usr/bin/env node
/**
 * `npm start`: builds the extension and shows it working, headless and offline, on the embedded
 * default — a bundle built by our CLI from our own demo Markdown (demo/_news) served locally — then
 * writes screenshots of the popup, badge and sidebar and prints their paths.
 */
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';
import { join, resolve } from 'node:path';

if (!ensureChromium()) process.exit(1);
const root = resolve(import.meta.dirname, '..');
const env = { ...process.env };
const result = spawnSync('npx', ['tsx', join(root, 'scripts', 'demo.ts')], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
