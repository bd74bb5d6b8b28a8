/**
 * The in-page sidebar UI: shadow root, settings rules, controls, the toggle shortcut. Part of the
 * injected `/sidebar-ui.js` bundle (never the base content script); imported only by ./index.ts.
 */
import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { PanelApp } from '@/components/panel-app';
import { loadOpenedLinks, rememberOpenedLink } from '@/lib/browser/opened-links';

/** Shared by every mount: PanelApp reloads them only when their identity changes. */
const openedLinks = { load: loadOpenedLinks, add: (url: string) => void rememberOpenedLink(url) };
import { SidebarControls, SidebarShell } from '@/components/sidebar-shell';
// As strings for the shadow root: an injected script has no manifest CSS, and a stylesheet file
// would have to be web-accessible (a way for any page to detect the extension).
import lensCss from '@/components/lens.css?inline';
import sidebarCss from '@/components/sidebar.css?inline';
import { sendMessage } from '@/lib/browser/messaging';
import { withSnooze, type Settings } from '@/lib/app/settings';
import { loadSettings, saveSettings, watchSettings } from '@/lib/browser/settings-storage';
import { SNOOZE_MS, sidebarVisibility, siteKey, withBlockedSite } from '@/lib/app/sidebar-visibility';
import type { PanelModel } from '@/lib/model/panel';
import type { SidebarView } from '@/lib/browser/sidebar-bridge';
import { ContentScriptMessage } from '@/lib/app/messages';

/** A timer longer than this never fires in browsers (2^31 - 1 ms); snoozes end on the next check. */
const MAX_TIMER_MS = 2_147_483_647;

export interface SidebarDeps {
  /** Asks the background again for this page's panel (after settings changes, while syncing). */
  reload: () => Promise<PanelModel | null>;
}

/** What the base content script drives (see lib/browser/sidebar-bridge.ts). */
export type SidebarController = SidebarView;

/**
 * Creates the sidebar controller. Nothing is written to the page until a model is shown and the
 * settings allow it; everything is undone when the content script is invalidated.
 */
export async function createSidebar(ctx: ContentScriptContext, deps: SidebarDeps): Promise<SidebarController> {
  let settings: Settings = await loadSettings();
  let model: PanelModel | null = null;
  let expanded = settings.sidebar.startExpanded;
  let focusOnExpand = false;
  let closedForPage = false;
  let ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  let creating: Promise<ShadowRootContentScriptUi<HTMLElement>> | undefined;
  let mounted = false;
  let snoozeTimer: ReturnType<typeof setTimeout> | undefined;

  // Stable callbacks: PanelApp reloads whenever `load` changes identity.
  const load = async () => {
    const next = await deps.reload();
    if (next === null) controller.show(null);
    return next;
  };
  const onModel = (next: PanelModel | null) => {
    if (next) {
      model = next;
      update();
    }
  };
  const search = (query: string) => sendMessage({ type: 'search', query });
  // Content scripts may not start a sync (lib/app/messages.ts); the popup and options page can.
  const syncNow = () => Promise.reject(new Error('Sync from the Health AI Lens toolbar button.'));
  const subscribe = (reload: () => void) => watchSettings(() => reload());

  const toggle = (fromShortcut = false) => {
    expanded = !expanded;
    focusOnExpand = fromShortcut;
    update();
  };
  const collapse = () => {
    expanded = false;
    update();
  };
  const close = () => {
    closedForPage = true;
    update();
  };
  const blockSite = () => {
    const site = siteKey(location.href);
    if (!site) return close();
    void saveSettings(withBlockedSite(settings, site));
    close(); // at once, without waiting for the storage round trip
  };
  const snooze = () => {
    void saveSettings(withSnooze(settings, Date.now() + SNOOZE_MS));
    close();
  };

  function view(current: PanelModel) {
    return (
      <SidebarShell model={current} expanded={expanded} onToggle={() => toggle()} focusOnExpand={focusOnExpand}>
        <PanelApp
          load={load}
          search={search}
          syncNow={syncNow}
          subscribe={subscribe}
          onModel={onModel}
          openedLinks={openedLinks}
          headerSlot={
            <SidebarControls
              onCollapse={collapse}
              onClose={close}
              onBlockSite={blockSite}
              onSnooze={snooze}
              site={siteKey(location.href)}
            />
          }
        />
      </SidebarShell>
    );
  }

  function shouldShow(): boolean {
    return !!model && !closedForPage && sidebarVisibility(settings.sidebar, location.href, Date.now()) === 'visible';
  }

  function update() {
    if (ctx.isInvalid) return;
    if (!shouldShow()) {
      if (mounted) ui?.remove();
      mounted = false;
      return;
    }
    if (!ui) {
      creating ??= createShadowRootUi<HTMLElement>(ctx, {
        name: 'health-ai-lens',
        mode: 'open',
        // After WXT's `:host { all: initial }` reset, as a content script's 'ui' CSS would be.
        css: `${lensCss}\n${sidebarCss}`,
        // Positioned by our own `:host` rules (components/sidebar.css): fixed on the right edge.
        position: 'inline',
        // After <body>, outside any stacking context or transform the page puts on it.
        anchor: () => document.documentElement,
        append: 'last',
        // Typing in our search box must not trigger the page's keyboard shortcuts.
        isolateEvents: true,
        onMount: (container) => {
          render(view(model!), container);
          return container;
        },
        onRemove: (container) => {
          if (container) render(null, container);
        },
      });
      void creating.then((created) => {
        ui = created;
        update();
      });
      return;
    }
    if (!mounted) {
      ui.mount();
      mounted = true;
    } else {
      render(view(model!), ui.uiContainer);
    }
  }

  function scheduleSnoozeEnd() {
    if (snoozeTimer) clearTimeout(snoozeTimer);
    const left = (settings.sidebar.snoozedUntil ?? 0) - Date.now();
    if (left > 0 && left < MAX_TIMER_MS) snoozeTimer = setTimeout(update, left + 1);
  }

  const unwatch = watchSettings((next) => {
    settings = next;
    scheduleSnoozeEnd();
    update();
  });
  ctx.onInvalidated(() => {
    unwatch();
    if (snoozeTimer) clearTimeout(snoozeTimer);
  });
  scheduleSnoozeEnd();

  const onMessage = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    // Only our own background may drive the sidebar; pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id || !ContentScriptMessage.safeParse(raw).success) return;
    if (closedForPage) {
      closedForPage = false;
      expanded = false;
    }
    toggle(true);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  const controller: SidebarController = {
    show(next) {
      model = next;
      update();
    },
    navigated() {
      closedForPage = false;
    },
  };
  return controller;
}
