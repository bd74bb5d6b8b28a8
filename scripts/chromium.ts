/**
 * How every harness of ours starts Debian Chromium with the extension: e2e tests, `npm start` and
 * `npm run bench` share these flags and this launch so they test the same browser setup. Node only.
 */
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium that loads our unpacked extension and sends every host name to a
 * local server. Both extension flags are needed: Playwright adds `--disable-extensions` itself.
 * @param extensionDir the unpacked build (e.g. `.output/chrome-mv3`)
 * @param port the local server's port; every host resolves to 127.0.0.1 on it
 * @param extra more flags (e.g. a remote-debugging port)
 */
export function chromiumArgs(extensionDir: string, port: number, extra: readonly string[] = []): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these Chromium phones home at start; this machine's closed network refuses it.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    port === 80 ? '--host-resolver-rules=MAP * 127.0.0.1' : `--host-resolver-rules=MAP * 127.0.0.1:${port}`,
    ...extra,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

/** What {@link launchChromiumWithExtension} starts. */
export interface ChromiumLaunch {
  extensionDir: string;
  /** The local server's port (see {@link chromiumArgs}). */
  port: number;
  /** The profile folder; the caller owns it (creates and removes it). */
  profileDir: string;
  /** More flags (`--lang=de`, a remote-debugging port). */
  args?: readonly string[];
  /** More environment for the browser (`LANGUAGE=de`, as a German Linux desktop starts it). */
  env?: Record<string, string>;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

/**
 * Starts headless Chromium with the unpacked extension on `profileDir` and waits for its service worker,
 * which also names the extension's id. The one launch of tests, `npm start` and the bench.
 */
export async function launchChromiumWithExtension(options: ChromiumLaunch): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new in chromiumArgs: extensions need the new headless mode
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    args: chromiumArgs(options.extensionDir, options.port, options.args),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    return { context, extensionId: new URL(worker.url()).host };
  } catch (error) {
    await context.close();
    throw error;
  }
}
