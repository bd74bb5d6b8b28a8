/**
 * Registers the link-chip content script on every site, or unregisters it, to follow the "other sites" switch: pages
 * pay nothing for chips unless the user asked for them there. Search result pages have it in the manifest instead.
 * Thin adapter over `scripting.registerContentScripts`; imported by the background only.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../app/settings';
import { SEARCH_RESULT_PAGE_MATCHES } from '../match/search-pages';

/** Id of the dynamic registration (one per extension). */
export const LINK_CHIPS_EVERYWHERE_ID = 'link-chips-everywhere';

/** The built link-chip content script (WXT's output for entrypoints/link-chips.content/). */
const LINK_CHIPS_SCRIPT = 'content-scripts/link-chips.js';

/**
 * Makes the registration match `settings.linkChips.otherSites`: registered for all http(s) pages except the result
 * pages the manifest already covers (so no page runs it twice), or absent. Idempotent; cheap when nothing changes.
 */
export function syncLinkChipsEverywhere(settings: Pick<Settings, 'linkChips'>): Promise<void> {
  // One at a time: a wake-up and a settings change may both ask, and a second register of the id would throw.
  const run = queue.then(() => apply(settings.linkChips.otherSites));
  queue = run.catch(() => {});
  return run;
}

let queue: Promise<void> = Promise.resolve();

async function apply(wanted: boolean): Promise<void> {
  const scripting = browser.scripting;
  if (typeof scripting?.registerContentScripts !== 'function') return; // a browser without dynamic scripts: search pages only
  const registered = (await scripting.getRegisteredContentScripts({ ids: [LINK_CHIPS_EVERYWHERE_ID] })).length > 0;
  if (wanted === registered) return;
  if (!wanted) {
    await scripting.unregisterContentScripts({ ids: [LINK_CHIPS_EVERYWHERE_ID] });
    return;
  }
  await scripting.registerContentScripts([
    {
      id: LINK_CHIPS_EVERYWHERE_ID,
      js: [LINK_CHIPS_SCRIPT],
      matches: ['http://*/*', 'https://*/*'],
      excludeMatches: [...SEARCH_RESULT_PAGE_MATCHES],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
}
