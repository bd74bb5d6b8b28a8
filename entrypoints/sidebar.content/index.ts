/**
 * Content script on http(s) pages (top frame): reports the page's signals to our background and
 * hands its answer to the sidebar UI. Small on purpose (issue 6: ≤ 15 kB gzip, no zod, no Preact):
 * it writes nothing to the page. The UI (entrypoints/sidebar-ui/) is injected by the background with
 * `scripting.executeScript`, only when there is something to show, and never web-accessible, so no
 * page can detect the extension by fetching it.
 */
import { readPageSignals } from '@/lib/page-signals';
import { sendMessage } from '@/lib/browser/messaging';
import { SIDEBAR_BRIDGE_KEY, type SidebarBridge } from '@/lib/browser/sidebar-bridge';

/**
 * After a history-API navigation, single-page sites update title and meta tags a moment later;
 * reading at once would report the previous article's signals for the new URL.
 */
const SPA_SETTLE_MS = 400;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  async main(ctx) {
    let generation = 0;

    const bridge: SidebarBridge = {
      ctx,
      // The background answers and, when the answer is not null, injects the UI into this frame.
      ask: () => sendMessage({ type: 'pageSignals', signals: readPageSignals(document, location.href) }).catch(() => null),
    };
    (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY] = bridge;

    async function check() {
      const mine = ++generation;
      const model = await bridge.ask();
      if (ctx.isInvalid || mine !== generation) return; // a newer navigation answers instead
      bridge.model = model;
      // No UI loaded (nothing was ever shown here): nothing to do. Otherwise the UI shows the latest.
      void bridge.view?.then((view) => view.show(bridge.model ?? null));
    }

    let settle: number | undefined;
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      clearTimeout(settle);
      void bridge.view?.then((view) => view.navigated());
      settle = ctx.setTimeout(() => void check(), SPA_SETTLE_MS);
    });
    await check();
  },
});
