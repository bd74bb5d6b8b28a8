/**
 * The in-page sidebar in real Firefox: the shared sidebar specs (tests/e2e-shared/sidebar.ts: present
 * and expanded on a matched article, absent on a plain page), and the toggle-sidebar command pressed as
 * a key chord in the browser window (Alt+Shift+L → commands.onCommand → background → content script →
 * the frame's port), which expands the panel with focus in it and collapses it again.
 */
import { describe, expect, it } from 'vitest';
import { waitUntil } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { sidebarSpecs, expanded } from '../e2e-shared/sidebar';
import { SEED_HTTP } from '../e2e-shared/slice';

const ALT_SHIFT_L = [{ key: 'L', code: 'KeyL', keyCode: 76 }, ['Alt', 'Shift']] as const;

describe('in-page sidebar in real Firefox', () => {
  const session = useSyncedFirefox();

  sidebarSpecs(session);

  it('Alt+Shift+L pressed in the browser window expands the sidebar with focus in its panel, and again collapses it', async () => {
    const { lens } = session;
    const { page } = await lens.open(SEED_HTTP);
    await page.native.bringToFront();
    const frame = await page.sidebarFrame();
    expect(await expanded(frame)).toBe('false');
    const press = () => lens.pressInBrowserWindow(ALT_SHIFT_L[0], [...ALT_SHIFT_L[1]]);

    await press();
    await waitUntil(() => expanded(frame), (e) => e === 'true', 10_000, 'expanded by the shortcut');
    await frame.waitFor('[data-testid="match-title"]');
    await waitUntil(() => frame.evaluate(() => document.hasFocus() && !!document.activeElement?.closest('.hal-sidebar-panel')), Boolean, 10_000, 'focus in the panel');
    await page.screenshot('sidebar-shortcut-expanded');

    await press();
    await waitUntil(() => expanded(frame), (e) => e === 'false', 10_000, 'collapsed by the shortcut');
    expect(await frame.count('[data-testid="match-title"]')).toBe(0);
    await page.close();
  });

  it('the same chord sent to the page content only (WebDriver key actions) does not reach the command', async () => {
    const { lens } = session;
    const { page } = await lens.open(SEED_HTTP);
    const frame = await page.sidebarFrame();
    const keyboard = page.native.keyboard;
    await keyboard.down('Alt');
    await keyboard.down('Shift');
    await keyboard.press('KeyL');
    await keyboard.up('Shift');
    await keyboard.up('Alt');
    // Control for the test above: what toggles there is the browser's shortcut, not a page key handler.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await expanded(frame)).toBe('false');
    await page.close();
  });
});
