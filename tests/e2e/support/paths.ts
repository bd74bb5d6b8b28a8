/** Paths shared by the e2e global setup and specs. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** Git-ignored scratch space for the e2e run: built bundle, profiles, screenshots. */
/** `E2E_INSTANCE` separates parallel runs (own port, own build, own scratch). */
export const INSTANCE = process.env.E2E_INSTANCE ?? '';
export const WORK_DIR = join(ROOT, 'test-results', `e2e${INSTANCE ? `-${INSTANCE}` : ''}`);
export const BUNDLE_DIR = join(WORK_DIR, 'bundle');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
/** The extension built for the e2e run (default feeds pointed at the local server). */
export const BUILD_DIR = join(ROOT, '.output', `e2e${INSTANCE ? `-${INSTANCE}` : ''}`);
export const EXTENSION_DIR = join(BUILD_DIR, 'chrome-mv3');
/** Port of the local web server; Chromium maps every host to it. 80 unless `E2E_PORT` says otherwise. */
export const PORT = Number(process.env.E2E_PORT ?? 80);
export const SHARED_DATA_DIR = resolve(process.env.SHARED_DATA_DIR ?? join(ROOT, '..', 'shared', 'data', 'everyday-cc'));

/** The feed host the e2e build syncs from; `--host-resolver-rules` sends it to 127.0.0.1:80. */
export const FEED_HOST = 'everyday-cc.github.io';
export const BUNDLE_FEED = `http://${FEED_HOST}/ai/bundle/manifest.json`;
export const API_FEED = `http://${FEED_HOST}/ai/api/news/ai-in-healthcare/`;
