/** Paths of the Firefox e2e run: the Firefox build of the extension. */
export { FIREFOX_PATH } from '../../../scripts/firefox';
import { join } from 'node:path';
import { BUILD_DIR } from '../../e2e/support/paths';

/** The e2e build's folder (per instance); WXT writes the Firefox MV3 package below it. */
export const FIREFOX_BUILD_DIR = BUILD_DIR;
export const FIREFOX_EXTENSION_DIR = join(FIREFOX_BUILD_DIR, 'firefox-mv3');
