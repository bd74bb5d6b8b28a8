/**
 * The packaged snapshot: a dataset bundle built into the extension (`WXT_SNAPSHOT_DIR`), imported as a built-in feed on
 * install and on every update through the same sync as a remote bundle. Pure: the browser adapter that serves its files
 * is lib/browser/snapshot.ts; imported by settings, the background and the options page.
 *
 * The feed's identity is a fixed URL on a reserved name (`.invalid` never resolves), not the extension's own URL: it
 * passes the ordinary feed checks, its shards resolve against it like any bundle's, its stored articles keep one key
 * across installs (Firefox gives every install a new extension origin), and a request the adapter did not map could
 * never reach the network.
 */

/** The snapshot feed's URL as settings, sync state and stored chunks know it. */
export const SNAPSHOT_FEED_URL = 'https://snapshot.health-ai-lens.invalid/manifest.json';

/** Folder of the package that holds the bundle (`manifest.json`, `shards/`). */
export const SNAPSHOT_PACKAGE_DIR = 'snapshot';

/** What the build knows of the packaged bundle: its date and size. */
export interface PackagedSnapshot {
  /** The manifest's `generatedAt` (ISO time of `npm run dataset -- build`). */
  generatedAt: string;
  articleCount: number;
  months: number;
}

/** The snapshot this build packages, or undefined for a build without `WXT_SNAPSHOT_DIR`. */
export function packagedSnapshot(): PackagedSnapshot | undefined {
  return typeof __SNAPSHOT__ !== 'undefined' && __SNAPSHOT__ ? { ...__SNAPSHOT__ } : undefined;
}

/**
 * The package path serving `url` when it is one of the snapshot's files (`/snapshot/manifest.json`,
 * `/snapshot/shards/…`), else undefined: every other URL goes to the network as it is.
 */
export function snapshotPackagePath(url: string): string | undefined {
  const base = SNAPSHOT_FEED_URL.slice(0, -'manifest.json'.length);
  if (!url.startsWith(base)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // Only plain paths below the bundle: no query, and nothing the URL parser had to normalize.
  if (parsed.href !== url || parsed.search || parsed.hash || !/^\/[A-Za-z0-9._/-]+$/.test(parsed.pathname)) return undefined;
  if (parsed.pathname.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return `/${SNAPSHOT_PACKAGE_DIR}${parsed.pathname}`;
}
