/** Paths of the Firefox e2e run: Debian's firefox-esr and the Firefox build of the extension. */
import { join } from 'node:path';
import { BUILD_DIR } from '../../e2e/support/paths';

/** Debian's Firefox ESR (apt-get install firefox-esr); `FIREFOX_PATH` overrides. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The e2e build's folder (per instance); WXT writes the Firefox MV3 package below it. */
export const FIREFOX_BUILD_DIR = BUILD_DIR;
export const FIREFOX_EXTENSION_DIR = join(FIREFOX_BUILD_DIR, 'firefox-mv3');
/** The add-on id in the Firefox manifest (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'health-ai-lens@example.org';
/** A fixed internal UUID, so extension page URLs are known before install. */
export const EXTENSION_UUID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
