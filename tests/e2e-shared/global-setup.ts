/**
 * Once per e2e run, for either browser: builds a snapshot bundle from the real Markdown sample with our
 * CLI, then builds the extension for that browser with `WXT_DEFAULT_FEEDS` pointing at the local server
 * (Chromium reaches it through its host-resolver rule, Firefox through the server as its HTTP proxy).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_FEED, BUILD_DIR, BUNDLE_DIR, BUNDLE_FEED, ROOT, SHARED_DATA_DIR, WORK_DIR } from '../e2e/support/paths';

/**
 * @param browser WXT's target browser
 * @param extensionDir the built extension's folder (`E2E_SKIP_BUILD=1` reuses it when present)
 * @param missingBrowser why the run cannot start, when the browser is not installed
 */
export function prepareE2E(browser: 'chrome' | 'firefox', extensionDir: string, missingBrowser: string | undefined): void {
  if (!existsSync(join(SHARED_DATA_DIR, '_news'))) {
    throw new Error(`e2e needs the real sample at ${SHARED_DATA_DIR} (../shared beside the repository).`);
  }
  if (missingBrowser) throw new Error(missingBrowser);
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(args[0]!, args.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  run(['npx', 'tsx', 'scripts/dataset.ts', 'build', join(SHARED_DATA_DIR, '_news'), '--out', BUNDLE_DIR]);
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(extensionDir)) {
    run(['npx', 'wxt', 'build', ...(browser === 'firefox' ? ['-b', 'firefox'] : []), '--mode', 'production'], {
      WXT_DEFAULT_FEEDS: `${BUNDLE_FEED},${API_FEED}`,
      WXT_OUT_DIR: BUILD_DIR,
      // vitest sets NODE_ENV=test, which would make the JSX dev build (source paths in the bundle).
      NODE_ENV: 'production',
    });
  }
}
