/**
 * Once per Firefox e2e run: the snapshot bundle and the Firefox build (tests/e2e-shared/global-setup.ts),
 * with the same feeds as the Chromium e2e build; Firefox reaches them through the server as its HTTP proxy.
 */
import { existsSync } from 'node:fs';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from './support/firefox-paths';
import { prepareE2E } from '../e2e-shared/global-setup';

export default function setup(): void {
  const missing = !existsSync(FIREFOX_PATH);
  prepareE2E('firefox', FIREFOX_EXTENSION_DIR, missing ? `Firefox e2e needs Debian firefox-esr at ${FIREFOX_PATH} (apt-get install -y firefox-esr) or FIREFOX_PATH.` : undefined);
}
