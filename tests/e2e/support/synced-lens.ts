/**
 * The set-up most specs share: a local news/feed server, Chromium with the built extension, and the
 * install sync finished, all torn down after the file's tests.
 */
import { beforeAll } from 'vitest';
import { launchLens, type LensBrowser } from './extension';
import { startServer, type TestServer } from './server';
import { useSyncedSession } from '../../e2e-shared/driver';

/**
 * Registers the file's beforeAll/afterAll and hands the ready browser and server to `ready`; returns
 * the same pair for shared specs (tests/e2e-shared/).
 * @param minArticles articles the install sync must have stored before the tests start
 */
export function useSyncedLens(ready: (lens: LensBrowser, server: TestServer) => void = () => {}, minArticles = 150): { readonly lens: LensBrowser; readonly server: TestServer } {
  const session = useSyncedSession(() => launchLens(), () => startServer(), minArticles);
  beforeAll(() => ready(session.lens, session.server));
  return session;
}
