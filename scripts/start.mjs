#!/usr/bin/env node
/**
 * `npm start`: builds the extension and shows it working, headless and offline, on the embedded
 * default — a bundle built by our CLI from our own demo Markdown (demo/_news) served locally — then
 * writes screenshots of the popup, badge and sidebar and prints their paths.
 * `npm start -- --browser firefox` does the same in Debian's Firefox ESR (demo-output/firefox/).
 */
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureFirefox } from './ensure-firefox.mjs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--browser');
const browserName = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--browser='))?.slice('--browser='.length);
const firefox = browserName === 'firefox';
if (browserName !== undefined && browserName !== 'chromium' && !firefox) {
  console.error(`--browser: chromium or firefox, not ${browserName}`);
  process.exit(1);
}

if (!(firefox ? ensureFirefox() : ensureChromium())) process.exit(1);
const root = resolve(import.meta.dirname, '..');
const env = { ...process.env };
const demo = join(root, 'scripts', firefox ? 'demo-firefox.ts' : 'demo.ts');
const result = spawnSync('npx', ['tsx', demo], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
