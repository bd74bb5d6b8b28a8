/** Once per Chromium e2e run: the snapshot bundle and the Chromium build (tests/e2e-shared/global-setup.ts). */
import { existsSync } from 'node:fs';
import { EXTENSION_DIR } from './support/paths';
import { prepareE2E } from '../e2e-shared/global-setup';

export default function setup(): void {
  const missing = !existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH;
  prepareE2E('chrome', EXTENSION_DIR, missing ? 'e2e needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium).' : undefined);
}
