/**
 * How our harnesses start Debian's Firefox ESR with the extension: the Firefox e2e tests and
 * `npm start -- --browser firefox` share these prefs so they test the same browser setup. Node only.
 */

/** Debian's Firefox ESR (apt-get install firefox-esr); `FIREFOX_PATH` overrides. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id in the Firefox manifest (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'health-ai-lens@example.org';
/** A fixed internal UUID, so extension page URLs are known before install. */
export const EXTENSION_UUID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';

/**
 * Prefs of every run: the fixed add-on UUID, and all http traffic sent to the local server as its HTTP
 * proxy (Chromium's host-resolver rule, Firefox style), so real news URLs reach it; https goes nowhere.
 * @param port the local server's port
 */
export function firefoxPrefs(port: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // https is never proxied anywhere real: a request that would leave the machine fails instead.
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    // Plain http article URLs stay http (the local server speaks no TLS).
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'browser.fixup.fallback-to-https': false,
    ...extra,
  };
}

/** Launch arguments: extension pages (moz-extension:) are reachable over WebDriver BiDi only with this. */
export const FIREFOX_ARGS = ['--remote-allow-system-access'];
