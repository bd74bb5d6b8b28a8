/**
 * Once per e2e run: builds a snapshot bundle from the real Markdown sample with our CLI, then
 * builds the extension with `WXT_DEFAULT_FEEDS` pointing at the local server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_FEED, BUILD_DIR, BUNDLE_DIR, BUNDLE_FEED, EXTENSION_DIR, ROOT, SHARED_DATA_DIR, WORK_DIR } from './support/paths';

export default function setup(): void {
  if (!existsSync(join(SHARED_DATA_DIR, '_news'))) {
    throw new Error(`e2e needs the real sample at ${SHARED_DATA_DIR} (../shared beside the repository).`);
  }
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('e2e needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium).');
  }
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(args[0]!, args.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  run(['npx', 'tsx', 'scripts/dataset.ts', 'build', join(SHARED_DATA_DIR, '_news'), '--out', BUNDLE_DIR]);
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(EXTENSION_DIR)) {
    run(['npx', 'wxt', 'build', '--mode', 'production'], {
      WXT_DEFAULT_FEEDS: `${BUNDLE_FEED},${API_FEED}`,
      WXT_OUT_DIR: BUILD_DIR,
      // vitest sets NODE_ENV=test, which would make the JSX dev build (source paths in the bundle).
      NODE_ENV: 'production',
    });
  }
}
