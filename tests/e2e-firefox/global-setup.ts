/**
 * Once per Firefox e2e run: builds the snapshot bundle from the real Markdown sample with our CLI, then
 * builds the Firefox extension with `WXT_DEFAULT_FEEDS` pointing at the local server (the same feeds
 * as the Chromium e2e build; Firefox reaches them through the server acting as its HTTP proxy).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_FEED, BUNDLE_DIR, BUNDLE_FEED, ROOT, SHARED_DATA_DIR, WORK_DIR } from '../e2e/support/paths';
import { FIREFOX_BUILD_DIR, FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from './support/firefox-paths';

export default function setup(): void {
  if (!existsSync(join(SHARED_DATA_DIR, '_news'))) {
    throw new Error(`Firefox e2e needs the real sample at ${SHARED_DATA_DIR} (../shared beside the repository).`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox e2e needs Debian firefox-esr at ${FIREFOX_PATH} (apt-get install -y firefox-esr) or FIREFOX_PATH.`);
  }
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(args[0]!, args.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  run(['npx', 'tsx', 'scripts/dataset.ts', 'build', join(SHARED_DATA_DIR, '_news'), '--out', BUNDLE_DIR]);
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(FIREFOX_EXTENSION_DIR)) {
    run(['npx', 'wxt', 'build', '-b', 'firefox', '--mode', 'production'], {
      WXT_DEFAULT_FEEDS: `${BUNDLE_FEED},${API_FEED}`,
      WXT_OUT_DIR: FIREFOX_BUILD_DIR,
      // vitest sets NODE_ENV=test, which would make the JSX dev build (source paths in the bundle).
      NODE_ENV: 'production',
    });
  }
}
