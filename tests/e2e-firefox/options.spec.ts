/**
 * The options page in real Firefox: the shared options specs (tests/e2e-shared/options.ts: the count,
 * feeds refused, an http feed added and synced as http), plus what is Firefox's own: the page is the
 * add-ons manager's entry (`options_ui`), opened by `runtime.openOptionsPage()`.
 */
import { describe, expect, it } from 'vitest';
import { waitUntil } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { optionsSpecs } from '../e2e-shared/options';

declare const browser: any;

describe('options page in real Firefox', () => {
  const session = useSyncedFirefox();

  it('is the add-ons manager entry (options_ui), opened in a tab by runtime.openOptionsPage()', async () => {
    const { lens } = session;
    const manifest = await lens.evaluateInExtension(() => browser.runtime.getManifest());
    expect(manifest.options_ui.page).toBe(`${lens.origin}/options.html`);
    // browser.runtime.openOptionsPage() (what the add-ons manager's Options entry does) opens it in a tab.
    const optionsTabs = () => lens.evaluateInExtension(() => browser.tabs.query({ url: `${location.origin}/options.html` })) as Promise<{ id: number }[]>;
    expect(await optionsTabs()).toHaveLength(0);
    await lens.evaluateInExtension(() => browser.runtime.openOptionsPage());
    const [opened] = await waitUntil(optionsTabs, (tabs) => tabs.length === 1, 10_000, 'options tab from openOptionsPage');
    await lens.evaluateInExtension((id) => browser.tabs.remove(id), opened!.id);
  });

  optionsSpecs(session);
});
