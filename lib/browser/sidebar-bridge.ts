/**
 * The hand-off between the base content script and the sidebar UI the background injects: one object
 * on the global of the extension's isolated world, which pages cannot see. Types and a lookup only.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PanelModel } from '@/lib/model/panel';

/** What the injected UI does for the base script (entrypoints/sidebar-ui/sidebar.tsx implements it). */
export interface SidebarView {
  /** Shows `model` for the page now at `location.href`; `null` removes the sidebar. */
  show(model: PanelModel | null): void;
  /** The page changed URL (SPA navigation): a "close for this page" no longer applies. */
  navigated(): void;
}

/** Set up by the base script (entrypoints/sidebar/index.ts) before it first asks the background. */
export interface SidebarBridge {
  /** The base script's lifetime: the UI is removed when it is invalidated (extension reloaded or updated). */
  ctx: ContentScriptContext;
  /** Asks the background for this page's panel (again); never rejects. */
  ask(): Promise<PanelModel | null>;
  /** The background's latest answer for this page; `undefined` until the first one. */
  model?: PanelModel | null;
  /**
   * Set synchronously by the UI script when it starts, so a second injection does nothing; resolves
   * once the UI can show models. Absent on pages that never had anything to show.
   */
  view?: Promise<SidebarView>;
}

/**
 * Global property holding the bridge. Content scripts of one extension share an isolated world per
 * frame (Chrome and Firefox), so the script injected by `scripting.executeScript` finds it there.
 */
export const SIDEBAR_BRIDGE_KEY = '__healthAiLensSidebar';

/** The bridge of this frame's isolated world, if the base script has set one up. */
export function sidebarBridge(): SidebarBridge | undefined {
  return (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY] as SidebarBridge | undefined;
}
