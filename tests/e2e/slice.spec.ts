/**
 * The first vertical slice in real Chromium: the shared slice specs (tests/e2e-shared/slice.ts: sync,
 * badge and popup, URL variants, the no-match popup), plus what only Chromium's harness drives here:
 * plain popup.html opened as a tab is about the page used last.
 */
import { describe, expect, it } from 'vitest';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles } from './support/server';
import { SEED, SEED_HTTP, sliceSpecs } from '../e2e-shared/slice';

describe('first slice in real Chromium', () => {
  const session = useSyncedLens();
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  sliceSpecs(session);

  it('plain popup.html is about the active tab; opened as a tab itself, about the page used last', async () => {
    const { lens } = session;
    const page = await lens.context.newPage();
    await page.goto(SEED_HTTP);
    await page.bringToFront();
    const plain = await lens.context.newPage();
    await plain.goto(`chrome-extension://${lens.extensionId}/popup.html`);
    await expect.poll(() => plain.locator('[data-testid="match-title"]').textContent(), { timeout: 10_000 }).toBe(seed.title);
    expect(await plain.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    await Promise.all([plain.close(), page.close()]);
  });
});
