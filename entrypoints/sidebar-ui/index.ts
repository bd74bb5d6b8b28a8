/**
 * The sidebar UI bundle (`/sidebar-ui.js`): injected into a tab's top frame by the background with
 * `scripting.executeScript` once the page has something to show (issue 6), never listed as
 * web-accessible. Finds the base content script's bridge in the shared isolated world; idempotent.
 */
import { sidebarBridge } from '@/lib/browser/sidebar-bridge';
import { createSidebar } from './sidebar';

export default defineUnlistedScript(() => {
  const bridge = sidebarBridge();
  // Without the base script (or once it is gone) there is nothing to show; a second injection
  // (another answer, an SPA navigation back to an article) finds the UI already there.
  if (!bridge || bridge.view || bridge.ctx.isInvalid) return;
  bridge.view = createSidebar(bridge.ctx, { reload: bridge.ask }).then((view) => {
    // The base script may have had its answer before this script ran: show it now.
    if (bridge.model !== undefined) view.show(bridge.model);
    return view;
  });
});
