/**
 * The set-up most Firefox specs share: the local news/feed server (Firefox's HTTP proxy), Firefox with
 * the built extension, and the install sync finished, all torn down after the file's tests.
 */
import { beforeAll } from 'vitest';
import { launchFirefoxLens, type FirefoxLens } from './firefox';
import { startServer, type TestServer } from '../../e2e/support/server';
import { useSyncedSession } from '../../e2e-shared/driver';

/**
 * Registers the file's beforeAll/afterAll and hands the ready browser and server to `ready`; returns
 * the same pair for shared specs (tests/e2e-shared/).
 * @param minArticles articles the install sync must have stored before the tests start
 */
export function useSyncedFirefox(
  ready: (lens: FirefoxLens, server: TestServer) => void = () => {},
  options: { minArticles?: number; colorScheme?: 'light' | 'dark'; prefs?: Record<string, unknown> } = {},
): { readonly lens: FirefoxLens; readonly server: TestServer } {
  const session = useSyncedSession(() => launchFirefoxLens({ colorScheme: options.colorScheme, prefs: options.prefs }), () => startServer(), options.minArticles ?? 150);
  beforeAll(() => ready(session.lens, session.server));
  return session;
}
