/** WXT build configuration: manifest, permissions, the build-time default feeds and the packaged snapshot. */
import { join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { checkSnapshotDir } from './tools/snapshot-check';
import { SNAPSHOT_PACKAGE_DIR } from './lib/app/snapshot';
import { loadRecordedBuildInputs, recordBuildInputs, SCRATCH_FOLDERS } from './scripts/sources-zip';

// Unpacked from a sources zip: build with the inputs its package was built with.
loadRecordedBuildInputs(process.cwd());

/** The live everyday-cc health feed, synced by a fresh install unless WXT_DEFAULT_FEEDS says otherwise. */
const LIVE_HEALTH_FEED = 'https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/';

/** Feeds a fresh install syncs: `WXT_DEFAULT_FEEDS` (comma-separated) or the live health feed. */
function defaultFeeds(): string[] {
  const listed = (process.env.WXT_DEFAULT_FEEDS ?? '')
    .split(',')
    .map((feed) => feed.trim())
    .filter(Boolean);
  for (const feed of listed) {
    const { protocol } = new URL(feed); // throws on a malformed URL: fail the build, not the user
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`WXT_DEFAULT_FEEDS: not http(s): ${feed}`);
  }
  return listed.length > 0 ? listed : [LIVE_HEALTH_FEED];
}

const feeds = defaultFeeds();

/**
 * `WXT_SNAPSHOT_DIR`: a bundle folder (`npm run dataset -- build … --out <dir>`) packaged under `snapshot/` and imported on
 * install and update. Checked here with the sync's own parsers: a malformed snapshot fails the build, so no package installs broken.
 */
function packagedSnapshot() {
  const dir = process.env.WXT_SNAPSHOT_DIR?.trim();
  if (!dir) return undefined;
  const check = checkSnapshotDir(dir);
  if (!check.ok) throw new Error(`WXT_SNAPSHOT_DIR ${dir}: ${check.reason}`);
  return {
    files: check.files.map((file) => ({ absoluteSrc: resolve(dir, file), relativeDest: `${SNAPSHOT_PACKAGE_DIR}/${file}` })),
    facts: { generatedAt: check.manifest.generatedAt, articleCount: check.manifest.articleCount, months: check.manifest.shards.length },
  };
}

const snapshot = packagedSnapshot();
/** Host permission for each default feed's origin, so the background may fetch it (http included). */
const feedOrigins = [...new Set(feeds.map((feed) => `${new URL(feed).origin}/*`))];

/**
 * The content script every http(s) page runs: entrypoints/sidebar/ is an unlisted script listed here
 * by hand, so WXT's content-script wrapper (a `ContentScriptContext` built on every page, ~1 ms) stays
 * out of it. Same file, matches and timing a `sidebar.content` entrypoint had.
 */
const SIDEBAR_CONTENT_SCRIPT = {
  matches: ['http://*/*', 'https://*/*'],
  js: ['content-scripts/sidebar.js'],
  run_at: 'document_idle',
  all_frames: false,
} as const;

/**
 * Firefox-only manifest keys. The extension-page CSP is Firefox's MV3 default minus
 * `upgrade-insecure-requests`: with it, the background's fetch of an `http://` feed (a build default or
 * one the user adds) is silently sent as https and fails with a bare NetworkError; Chromium fetches it
 * as http, so both browsers sync the same feeds. Scripts stay `'self'` only (no eval, no remote code).
 */
function firefoxManifest() {
  return {
    browser_specific_settings: {
      gecko: {
        id: 'health-ai-lens@example.org',
        // 140 (ESR) is the first desktop release that reads data_collection_permissions; Android's is 142.
        strict_min_version: '140.0',
        // Nothing the extension reads ever leaves the browser: AMO's "no data collected" declaration.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
  };
}

export default defineConfig({
  manifestVersion: 3,
  // locales/<lang>.yml → _locales/<lang>/messages.json, and the key types lib/i18n checks against.
  modules: ['@wxt-dev/i18n/module'],
  hooks: {
    'entrypoints:resolved': (wxt, entrypoints) => {
      const base = entrypoints.find((entrypoint) => entrypoint.name === 'sidebar' && entrypoint.type === 'unlisted-script');
      if (!base) throw new Error('entrypoints/sidebar/ (the content script) is missing');
      base.outputDir = join(wxt.config.outDir, 'content-scripts');
    },
    'build:publicAssets': (_wxt, files) => {
      if (snapshot) files.push(...snapshot.files);
    },
    // The sources zip rebuilds this very package: it records the environment inputs and the snapshot.
    'zip:sources:done': (_wxt, zipPath) =>
      recordBuildInputs(zipPath, process.env, (snapshot?.files ?? []).map((file) => ({ absoluteSrc: file.absoluteSrc, name: file.relativeDest.slice(SNAPSHOT_PACKAGE_DIR.length + 1) }))),
    'build:manifestGenerated': (_wxt, manifest) => {
      // WXT copies the popup's and side panel's <title> into these; the toolbar tooltip and Firefox's
      // sidebar title follow the browser's language instead.
      if (manifest.action) manifest.action.default_title = '__MSG_ext_actionTitle__';
      const sidebarAction = (manifest as { sidebar_action?: { default_title?: string } }).sidebar_action;
      if (sidebarAction) sidebarAction.default_title = '__MSG_ext_name__';
      manifest.content_scripts = [...(manifest.content_scripts ?? []), { ...SIDEBAR_CONTENT_SCRIPT, matches: [...SIDEBAR_CONTENT_SCRIPT.matches], js: [...SIDEBAR_CONTENT_SCRIPT.js] }];
    },
  },
  // Scratch output (tests, demos) is no source of the package.
  zip: { excludeSources: SCRATCH_FOLDERS.map((folder) => `${folder}/**`) },
  // The e2e build goes elsewhere so it never overwrites the user's `npm run build`.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact()],
    define: {
      __DEFAULT_FEEDS__: JSON.stringify(feeds),
      __SNAPSHOT__: JSON.stringify(snapshot?.facts ?? null),
      // zod 4 probes `new Function` to JIT-compile object parsers; our CSP forbids eval, so the probe only
      // fills the console with CSP violations. Jitless zod never tries (the package holds no eval).
      'globalThis.__zod_globalConfig': JSON.stringify({ jitless: true }),
    },
    build: {
      target: 'es2022',
      // WXT_NO_MINIFY=1 keeps function names readable in worker CPU profiles.
      ...(process.env.WXT_NO_MINIFY ? { minify: false } : {}),
      rollupOptions: {
        // zod ships comments Rollup cannot place; they are harmless and drown real warnings.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // http(s) pages: the content script already runs there (sidebar), which carries the same
    // install warning; the grant also lets the background read a tab's URL to set its badge on
    // navigation. The default feeds' origins are listed too, so a build whose feeds are the only
    // thing it may fetch still says so explicitly.
    host_permissions: [...new Set(['http://*/*', 'https://*/*', ...feedOrigins])],
    action: { default_title: '__MSG_ext_actionTitle__' },
    // The sidebar's UI is this extension page, framed by the content script on http(s) pages. A
    // dynamic URL (a per-session id, not the extension id) so pages cannot probe for the extension.
    web_accessible_resources: [
      { resources: ['sidebar-frame.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_ext_toggleSidebarCommand__',
      },
    },
    ...(browser === 'firefox' ? firefoxManifest() : {}),
  }),
});
