/**
 * The content script on http(s) pages (top frame), built to `content-scripts/sidebar.js`: reports
 * the page's signals to our background and, when the answer says there is something to show, puts
 * the sidebar frame on the page. Small on purpose (≤ 15 kB gzip, no zod, no Preact) and it writes
 * nothing to the page until there is something to show.
 *
 * The sidebar's UI is an extension page (entrypoints/sidebar-frame/) in an iframe inside a closed
 * shadow root on one `<health-ai-lens>` element: the page sees that element and a cross-origin
 * frame, and can neither read nor operate what the frame shows. This script and the frame talk over
 * a `MessageChannel` made here, its port handed to the frame once (to the frame's window, our
 * origin only, with a one-time nonce from the frame's URL); no `window` listener a page can reach.
 *
 * Cheap on pages that match nothing: one query, one message and one `navigation` listener. That is
 * why this is an unlisted script that wxt.config.ts lists as the content script, not a WXT
 * `*.content` entrypoint, whose wrapper does work (an event, a `postMessage`) on every page.
 */
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/messages';
import { readPageSignals } from '@/lib/match/page-signals';
import type { Envelope, MessageResponses } from '@/lib/app/messages';
import { SIDEBAR_FRAME_PATH, SIDEBAR_HOST_TAG, type FrameToPage, type PageToFrame } from '@/lib/browser/sidebar-bridge';

/**
 * After a history-API navigation, single-page sites update title and meta tags a moment later;
 * reading at once would report the previous article's signals for the new URL.
 */
const SPA_SETTLE_MS = 400;

/** Size of the collapsed tab before the frame reports its own. */
const INITIAL_SIZE = { width: 48, height: 96 };

/**
 * The host's and frame's box. `!important` inside the shadow root beats even `!important` page
 * rules on the host (inner context wins for important declarations), so hostile
 * `* { all: unset !important }` cannot move, hide or cover it. The frame's color-scheme matches the
 * frame document's, so the browser keeps the frame transparent around the tab and panel.
 */
const HOST_CSS = `:host{all:initial!important;position:fixed!important;top:96px!important;right:0!important;left:auto!important;bottom:auto!important;z-index:2147483647!important;display:block!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;filter:none!important;opacity:1!important;visibility:visible!important;pointer-events:auto!important;color-scheme:light dark!important}
iframe{display:block;border:0;margin:0;padding:0;background:transparent;color-scheme:light dark;width:var(--w);height:var(--h)}
@media print{:host{display:none!important}}`;

export default defineUnlistedScript(() => {
  let generation = 0;
  /** The extension was reloaded, updated or removed under us. */
  const gone = () => !browser.runtime?.id;

  /** The sidebar on the page, while it is there. */
  let sidebar: { host: HTMLElement; frame: HTMLIFrameElement; port: MessagePort; cleanup: () => void } | undefined;
  /** The background's latest answer: whether this page has something to show. */
  let showable = false;
  /** "Close for this page": no sidebar until the shortcut or a navigation brings it back. */
  let closedForPage = false;
  let signals = readPageSignals(document, location.href);

  const ask = () => {
    signals = readPageSignals(document, location.href);
    return browser.runtime.sendMessage({ type: 'pageSignals', signals }).then(
      (envelope?: Envelope<MessageResponses['pageSignals']>) => !!(envelope?.ok && envelope.value),
      () => false,
    );
  };

  const post = (message: PageToFrame) => sidebar?.port.postMessage(message);

  function remove() {
    if (!sidebar) return;
    sidebar.cleanup();
    sidebar.port.close();
    sidebar.host.remove();
    sidebar = undefined;
  }

  /** The page's element that had focus before the sidebar took it, to give it back. */
  let pageFocus: WeakRef<HTMLElement> | undefined;
  const notePageFocus = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && target.localName !== SIDEBAR_HOST_TAG) pageFocus = new WeakRef(target);
  };

  /** Gives focus back to the page (Escape, or the shortcut collapsing the panel): where it was, else the page itself. */
  function focusPage() {
    sidebar?.frame.blur();
    window.focus();
    const previous = pageFocus?.deref();
    if (previous?.isConnected && previous !== document.body) previous.focus({ preventScroll: true });
  }

  function create(options: { expanded: boolean; focus: boolean }) {
    // A copy of this script from before an extension update may have left its host behind.
    for (const stale of document.querySelectorAll(SIDEBAR_HOST_TAG)) stale.remove();
    const host = document.createElement(SIDEBAR_HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = HOST_CSS;
    const frame = document.createElement('iframe');
    // `crypto.randomUUID` exists only in secure contexts; plain-http pages get the sidebar too.
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const url = new URL(browser.runtime.getURL(SIDEBAR_FRAME_PATH));
    url.hash = nonce;
    frame.src = url.href;
    frame.title = t('pages.sidebarFrameTitle'); // the name screen readers give the frame, in the UI language
    frame.setAttribute('allowtransparency', 'true');
    const size = (width: number, height: number) => {
      frame.style.setProperty('--w', `${Math.ceil(width)}px`);
      frame.style.setProperty('--h', `${Math.ceil(height)}px`);
    };
    size(INITIAL_SIZE.width, INITIAL_SIZE.height);
    root.append(style, frame);

    const channel = new MessageChannel();
    const port = channel.port1;
    port.onmessage = (event: MessageEvent<FrameToPage>) => {
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      if (message.type === 'size' && Number.isFinite(message.width) && Number.isFinite(message.height)) {
        size(Math.min(Math.max(message.width, 1), innerWidth), Math.min(Math.max(message.height, 1), innerHeight));
      } else if (message.type === 'close') {
        // Hidden by the settings: the background's answer decides when it comes back, not this page.
        closedForPage = !message.hidden;
        focusPage();
        remove();
      } else if (message.type === 'focusPage') {
        focusPage();
      }
    };
    const viewport = () => port.postMessage({ type: 'viewport', viewport: { width: innerWidth, height: innerHeight } } satisfies PageToFrame);
    addEventListener('resize', viewport);
    document.addEventListener('focusin', notePageFocus, true);
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && active.localName !== SIDEBAR_HOST_TAG) pageFocus = new WeakRef(active);
    // The port goes to the frame once, to our origin only: the page's own listeners never see it.
    frame.addEventListener(
      'load',
      () => {
        const hello: PageToFrame = { type: 'connect', nonce, signals, expanded: options.expanded, focus: options.focus, viewport: { width: innerWidth, height: innerHeight } };
        // The frame's origin is the extension's own, even when its URL carries a per-session dynamic id.
        frame.contentWindow?.postMessage(hello, new URL(browser.runtime.getURL('/')).origin, [channel.port2]);
        if (options.focus) frame.focus();
      },
      { once: true },
    );
    // After <body>, outside any stacking context or transform the page puts on it.
    document.documentElement.append(host);
    sidebar = {
      host,
      frame,
      port,
      cleanup: () => {
        removeEventListener('resize', viewport);
        document.removeEventListener('focusin', notePageFocus, true);
      },
    };
  }

  function check() {
    const mine = ++generation;
    void ask().then((show) => {
      if (gone() || mine !== generation) return; // a newer navigation answers instead
      showable = show;
      if (!show) return remove();
      if (sidebar) post({ type: 'signals', signals });
      else if (!closedForPage) create({ expanded: false, focus: false });
    });
  }

  // Same-document navigations (history API, fragments): "closed for this page" ends at once, and the
  // page is asked about again once the site has updated its title and meta tags.
  let settle: ReturnType<typeof setTimeout> | undefined;
  let lastUrl = location.href;
  const navigated = (url: string) => {
    if (url === lastUrl || gone()) return;
    lastUrl = url;
    closedForPage = false;
    clearTimeout(settle);
    settle = setTimeout(() => !gone() && check(), SPA_SETTLE_MS);
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('navigate', (event) => navigated((event as Event & { destination: { url: string } }).destination.url));
  } else {
    // Firefox has no Navigation API yet: poll, as WXT's location watcher does.
    const poll = setInterval(() => (gone() ? clearInterval(poll) : navigated(location.href)), 1000);
  }

  // The toggle shortcut (Alt+Shift+L) and sidebar settings changes: our background relays them;
  // pages cannot reach this listener.
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return;
    const type = (raw as { type?: unknown } | null)?.type;
    // A site un-hidden or a snooze over: ask again, so the sidebar comes back without a reload.
    if (type === 'sidebarSettingsChanged') return void (gone() || check());
    if (type !== 'toggleSidebar') return;
    if (sidebar) {
      sidebar.frame.focus();
      post({ type: 'toggle' });
    } else if (showable) {
      closedForPage = false;
      create({ expanded: true, focus: true });
    }
  });

  check();
});
