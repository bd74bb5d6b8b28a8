/**
 * How every harness of ours starts Debian Chromium with the extension: e2e tests, `npm start` and
 * `npm run bench` share these flags so they test the same browser setup. Node only.
 */

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
