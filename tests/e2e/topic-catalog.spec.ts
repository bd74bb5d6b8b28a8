/**
 * Topic feeds from the hosted catalog in real Chromium: with `feeds.json` beside the default bundle (as the dataset
 * workflow publishes it), the options page offers the hosted topic bundles, and ticking a topic syncs its bundle from
 * the same host. The catalog and topic folders are written into the served bundle folder for this file only.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildBundle } from '../../tools/bundle-build';
import { buildTopicBundles } from '../../tools/topic-bundles';
import type { LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import type { TestServer } from './support/server';
import { BUNDLE_DIR, FEED_HOST, SHARED_DATA_DIR } from './support/paths';

declare const chrome: any;

const HOSTED_ML = `http://${FEED_HOST}/ai/bundle/topics/machine-learning/manifest.json`;

describe('topic feeds from the hosted catalog', () => {
  let server: TestServer;
  let lens: LensBrowser;

  beforeAll(() => {
    const dir = join(SHARED_DATA_DIR, '_news');
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ path: relative(SHARED_DATA_DIR, join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
    const now = Date.UTC(2026, 11, 1, 5, 17);
    const { catalogText, topics } = buildTopicBundles(buildBundle(files, now).articles, now);
    for (const topic of topics) {
      for (const file of [...topic.files.shards, { file: 'manifest.json', text: topic.files.manifestText }]) {
        const path = join(BUNDLE_DIR, topic.dir, file.file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
      }
    }
    writeFileSync(join(BUNDLE_DIR, 'feeds.json'), catalogText);
  });
  afterAll(() => {
    // Later files see the bundle folder as global setup left it.
    rmSync(join(BUNDLE_DIR, 'feeds.json'), { force: true });
    rmSync(join(BUNDLE_DIR, 'topics'), { recursive: true, force: true });
  });

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  const storedSettings = (page: Page) => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings);

  it('reads feeds.json from the default bundle’s host, and a ticked topic syncs its hosted bundle', async () => {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await page.getByTestId('topic-catalog').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('topic-catalog').textContent()).toContain('Dec 1, 2026');
    expect(server.requests.some((r) => r.host === FEED_HOST && r.path === '/ai/bundle/feeds.json')).toBe(true);

    await page.getByRole('checkbox', { name: 'Machine Learning', exact: true }).check();
    await expect.poll(async () => (await storedSettings(page)).feeds, { timeout: 10_000 }).toContainEqual({ url: HOSTED_ML, enabled: true, origin: 'topic' });

    const before = server.requests.length;
    await lens.send({ type: 'syncNow' });
    await expect
      .poll(() => server.requests.slice(before).some((r) => r.path === '/ai/bundle/topics/machine-learning/manifest.json'), { timeout: 20_000 })
      .toBe(true);
    await expect
      .poll(async () => ((await lens.send<any>({ type: 'status' })).feeds as { url: string; lastSuccessAt?: number }[]).find((f) => f.url === HOSTED_ML)?.lastSuccessAt, { timeout: 30_000 })
      .toBeGreaterThan(0);

    await page.getByRole('checkbox', { name: 'Machine Learning', exact: true }).uncheck();
    await expect.poll(async () => ((await storedSettings(page)).feeds as { url: string }[]).map((f) => f.url), { timeout: 10_000 }).not.toContain(HOSTED_ML);
    await page.close();
  });
});
