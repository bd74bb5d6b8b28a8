/**
 * The content script on http(s) pages (top frame), built to `content-scripts/sidebar.js`: reports
 * the page's signals to our background and hands its answer to the sidebar UI. Small on purpose
 * (issue 6: ≤ 15 kB gzip, no zod, no Preact) and it writes nothing to the page. The UI
 * (entrypoints/sidebar-ui/) is injected by the background with `scripting.executeScript`, only when
 * there is something to show, and never web-accessible, so no page can detect the extension.
 *
 * Cheap on pages that match nothing (issue 9: < 2 ms of main-thread script). That is why this is an
 * unlisted script that wxt.config.ts lists as the content script, not a WXT `*.content` entrypoint:
 * WXT's content-script wrapper builds a `ContentScriptContext` before `main` runs (an event to the
 * document, a `postMessage` every page listener receives, abort wiring; about 1 ms here) on every
 * page. What is left is one query, one message and one `navigation` listener; the context is made
 * only when the UI asks for it (`bridge.ctx`), i.e. on pages that show the sidebar.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPageSignals } from '@/lib/match/page-signals';
import { SIDEBAR_BRIDGE_KEY, type SidebarBridge } from '@/lib/browser/sidebar-bridge';
import type { Envelope, MessageResponses } from '@/lib/app/messages';

/**
 * After a history-API navigation, single-page sites update title and meta tags a moment later;
 * reading at once would report the previous article's signals for the new URL.
 */
const SPA_SETTLE_MS = 400;

export default defineUnlistedScript(() => {
  let generation = 0;
  let ctx: ContentScriptContext | undefined;
  /** The extension was reloaded, updated or removed under us (or a newer copy of this script took over). */
  const gone = () => !browser.runtime?.id || !!ctx?.isInvalid;

  const bridge: SidebarBridge = {
    // Made on first use: by the UI, which the background injects only where there is something to show.
    get ctx() {
      return (ctx ??= new ContentScriptContext('sidebar'));
    },
    // The background answers and, when the answer is not null, injects the UI into this frame.
    // A bare `runtime.sendMessage`: any failure (extension restarting, error envelope) shows nothing.
    ask: () =>
      browser.runtime.sendMessage({ type: 'pageSignals', signals: readPageSignals(document, location.href) }).then(
        (envelope?: Envelope<MessageResponses['pageSignals']>) => (envelope?.ok ? envelope.value : null),
        () => null,
      ),
  };
  (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY] = bridge;

  function check() {
    const mine = ++generation;
    void bridge.ask().then((model) => {
      if (gone() || mine !== generation) return; // a newer navigation answers instead
      bridge.model = model;
      // No UI loaded (nothing was ever shown here): nothing to do. Otherwise the UI shows the latest.
      void bridge.view?.then((view) => view.show(bridge.model ?? null));
    });
  }

  // Same-document navigations (history API, fragments): the UI forgets "closed for this page" at
  // once, and the page is asked about again once the site has updated its title and meta tags.
  let settle: ReturnType<typeof setTimeout> | undefined;
  let lastUrl = location.href;
  const navigated = (url: string) => {
    if (url === lastUrl || gone()) return;
    lastUrl = url;
    clearTimeout(settle);
    void bridge.view?.then((view) => view.navigated());
    settle = setTimeout(() => !gone() && check(), SPA_SETTLE_MS);
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('navigate', (event) => navigated((event as Event & { destination: { url: string } }).destination.url));
  } else {
    // Firefox has no Navigation API yet: poll, as WXT's location watcher does.
    const poll = setInterval(() => (gone() ? clearInterval(poll) : navigated(location.href)), 1000);
  }
  check();
});
