/**
 * The set-up most specs share: a local news/feed server, Chromium with the built extension, and the
 * install sync finished, all torn down after the file's tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchLens, type LensBrowser } from './extension';
import { startServer, type TestServer } from './server';

/**
 * Registers the file's beforeAll/afterAll and hands the ready browser and server to `ready`.
 * @param minArticles articles the install sync must have stored before the tests start
 */
export function useSyncedLens(ready: (lens: LensBrowser, server: TestServer) => void, minArticles = 150): void {
  let server: TestServer | undefined;
  let lens: LensBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    lens = await launchLens();
    await lens.waitForSync(minArticles);
    ready(lens, server);
  });
  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });
}
