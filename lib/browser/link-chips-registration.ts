/**
 * Keeps the link-chip content script where the chip settings want it: a run-time registration for the pages beyond the
 * manifest's search result pages (every other site while "other sites" is on, minus the sites turned off; else only
 * the sites turned on), and open tabs told at once when their page's answer changes, so chips come and go without a
 * reload. Thin adapter over `scripting` and `tabs`; imported by the background only.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../app/settings';
import { chipRegistration, chipsChangedOn, linkChipsEnabled, sameRegistration, type ChipRegistration } from '../app/site-chips';
import type { ContentScriptMessage } from '../app/messages';

/** Id of the dynamic registration (one per extension). */
export const LINK_CHIPS_EVERYWHERE_ID = 'link-chips-everywhere';

/** The built link-chip content script (WXT's output for entrypoints/link-chips.content/). */
export const LINK_CHIPS_SCRIPT = 'content-scripts/link-chips.js';
/** The same file as `scripting.executeScript` names it (from the extension's root). */
const INJECTED_SCRIPT = '/content-scripts/link-chips.js';

/**
 * Makes the registration match the chip settings (`chipRegistration`): registered, updated or removed. Idempotent;
 * cheap when nothing changes.
 */
export function syncLinkChipsEverywhere(settings: Pick<Settings, 'linkChips'>): Promise<void> {
  // One at a time: a wake-up and a settings change may both ask, and a second register of the id would throw.
  const run = queue.then(() => apply(chipRegistration(settings.linkChips)));
  queue = run.catch(() => {});
  return run;
}

let queue: Promise<void> = Promise.resolve();

async function apply(wanted: ChipRegistration | undefined): Promise<void> {
  const scripting = browser.scripting;
  if (typeof scripting?.registerContentScripts !== 'function') return; // a browser without dynamic scripts: search pages only
  const [registered] = await scripting.getRegisteredContentScripts({ ids: [LINK_CHIPS_EVERYWHERE_ID] });
  const current = registered ? { matches: registered.matches ?? [], excludeMatches: registered.excludeMatches ?? [] } : undefined;
  if (sameRegistration(current, wanted)) return;
  if (registered) await scripting.unregisterContentScripts({ ids: [LINK_CHIPS_EVERYWHERE_ID] });
  if (!wanted) return;
  await scripting.registerContentScripts([
    {
      id: LINK_CHIPS_EVERYWHERE_ID,
      js: [LINK_CHIPS_SCRIPT],
      matches: wanted.matches,
      excludeMatches: wanted.excludeMatches,
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
}

/**
 * Tells each open tab whose page gets chips under `after` but not `before`, or the reverse: its chip script asks
 * again and adds or removes its chips. A page turned on that has no chip script yet (it was not registered when the
 * page loaded) gets one injected; a page turned off without one has nothing to remove.
 */
export async function tellTabsLinkChipsChanged(before: Pick<Settings, 'linkChips'>, after: Pick<Settings, 'linkChips'>): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !chipsChangedOn(before, after, tab.url)) return;
      const answered = await askChipScript(tab.id);
      if (answered || !linkChipsEnabled(after, tab.url)) return;
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [INJECTED_SCRIPT] }).catch(() => {}); // a tab that closed or navigated away
    }),
  );
}

/** Whether the tab's top frame runs the chip script (it answers the change notice). */
async function askChipScript(tabId: number): Promise<boolean> {
  const notice: ContentScriptMessage = { type: 'linkChipsChanged' };
  try {
    const reply = (await browser.tabs.sendMessage(tabId, notice, { frameId: 0 })) as { running?: unknown } | undefined;
    return reply?.running === true;
  } catch {
    return false;
  }
}
