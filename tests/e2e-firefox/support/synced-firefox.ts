/**
 * The set-up most Firefox specs share: the local news/feed server (Firefox's HTTP proxy), Firefox with
 * the built extension, and the install sync finished, all torn down after the file's tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchFirefoxLens, type FirefoxLens } from './firefox';
import { startServer, type TestServer } from '../../e2e/support/server';

/**
 * Registers the file's beforeAll/afterAll and hands the ready browser and server to `ready`.
 * @param minArticles articles the install sync must have stored before the tests start
 */
export function useSyncedFirefox(ready: (lens: FirefoxLens, server: TestServer) => void, options: { minArticles?: number; colorScheme?: 'light' | 'dark'; prefs?: Record<string, unknown> } = {}): void {
  let server: TestServer | undefined;
  let lens: FirefoxLens | undefined;
  beforeAll(async () => {
    server = await startServer();
    lens = await launchFirefoxLens({ colorScheme: options.colorScheme, prefs: options.prefs });
    await lens.waitForSync(options.minArticles ?? 150);
    ready(lens, server);
  });
  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });
}
