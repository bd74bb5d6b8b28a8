/**
 * Content script on http(s) pages (top frame): reports the page's signals to our background and,
 * only when it answers with something to show, loads the sidebar UI. Writes nothing to other pages.
 */
import { readPageSignals } from '@/lib/page-signals';
import { sendMessage } from '@/lib/browser/messaging';
import type { PanelModel } from '@/lib/schema/panel';
import type { SidebarController } from './sidebar-ui';
// Extracted to content-scripts/sidebar.css and injected into the shadow root only (cssInjectionMode 'ui').
import '@/components/lens.css';
import '@/components/sidebar.css';

/**
 * After a history-API navigation, single-page sites update title and meta tags a moment later;
 * reading at once would report the previous article's signals for the new URL.
 */
const SPA_SETTLE_MS = 400;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  cssInjectionMode: 'ui',
  async main(ctx) {
    let sidebar: Promise<SidebarController> | undefined;
    let generation = 0;

    const ask = (): Promise<PanelModel | null> =>
      sendMessage({ type: 'pageSignals', signals: readPageSignals(document, location.href) }).catch(() => null);

    async function check() {
      const mine = ++generation;
      const model = await ask();
      if (ctx.isInvalid || mine !== generation) return; // a newer navigation answers instead
      // Nothing to show and nothing shown: no UI code loaded, no DOM written.
      if (!model && !sidebar) return;
      sidebar ??= import('./sidebar-ui').then(({ createSidebar }) => createSidebar(ctx, { reload: ask }));
      (await sidebar).show(model);
    }

    let settle: number | undefined;
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      clearTimeout(settle);
      void sidebar?.then((s) => s.navigated());
      settle = ctx.setTimeout(() => void check(), SPA_SETTLE_MS);
    });
    await check();
  },
});
