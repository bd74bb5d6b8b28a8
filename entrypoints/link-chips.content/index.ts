/**
 * The link-chip content script: on search result pages (manifest) and, when the user turns it on, every other site
 * (registered at run time by the background), puts a score chip after each link whose target matches an article.
 * Wiring only: links go to the background in one batched message per scan; matching lives in lib/app/link-scores.ts,
 * the chip in components/link-chip.ts. Writes nothing but chips; makes no request of its own. When the reader turns
 * chips on or off for the site, the background says so and the script asks again: its chips go, or scanning resumes.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SEARCH_RESULT_PAGE_MATCHES } from '@/lib/match/search-pages';
import type { Envelope, MessageResponses } from '@/lib/app/messages';
import {
  CHIP_TAG,
  chipOffsetBeside,
  createChip,
  isOwnChip,
  needsOverlay,
  setChipOffset,
  setChipOpen,
  setChipOverlay,
  updateChip,
  type ChipFacts,
} from '@/components/link-chip';

/** New results arrive in bursts (infinite scroll, a SPA re-render): one scan after the burst settles. */
const SCAN_DEBOUNCE_MS = 150;
/** Links per message, as the message schema allows. */
const BATCH = 500;
export default defineContentScript({
  matches: [...SEARCH_RESULT_PAGE_MATCHES],
  runAt: 'document_idle',
  // A second copy in the page (injected when the reader turns the site on) invalidates the first one's context as it
  // starts (WXT's rule), and the first takes its chips with it: one copy runs, and no link gets two chips.
  main(ctx) {
    startLinkChips(ctx);
  },
});

interface LinkState {
  /** The href the chip (or its absence) was decided for. */
  href: string;
  chip?: HTMLElement;
}

function startLinkChips(ctx: ContentScriptContext) {
  let seen = new WeakMap<HTMLAnchorElement, LinkState>();
  let scanning = false;
  let again = false;
  let stopped = false;
  let timer: number | undefined;

  const observer = new MutationObserver((records) => {
    if (records.some(relevant)) schedule();
  });
  const stop = () => {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  /** Chips switched off for this page: stop, and take away the chips this script added. */
  const turnOff = () => {
    stop();
    for (const chip of document.querySelectorAll(CHIP_TAG)) if (isOwnChip(chip)) chip.remove();
    overlaid.clear();
    seen = new WeakMap();
  };
  ctx.onInvalidated(turnOff);
  const start = () => {
    stopped = false;
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
    void scan();
  };

  // The background's notice that this page's chip setting changed: answered at once (so it knows a script is here),
  // then the script asks with no links and follows the answer. Nothing else is listened to.
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id || (raw as { type?: unknown } | null)?.type !== 'linkChipsChanged' || ctx.isInvalid) return;
    sendResponse({ running: true });
    void ask([]).then((answer) => {
      if (!answer) stop();
      else if (!answer.enabled) turnOff();
      else if (stopped) start();
    });
  });

  function schedule() {
    clearTimeout(timer);
    timer = ctx.setTimeout(() => void scan(), SCAN_DEBOUNCE_MS);
  }

  async function scan(): Promise<void> {
    if (stopped) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      const pending: [HTMLAnchorElement, string][] = [];
      for (const link of document.querySelectorAll('a[href]')) {
        if (!(link instanceof HTMLAnchorElement)) continue; // SVG links have no string href
        const href = link.href;
        if (seen.get(link)?.href === href || !/^https?:/i.test(href)) continue;
        pending.push([link, href]);
      }
      const hrefs = [...new Set(pending.map(([, href]) => href))];
      const answers = new Map<string, ChipFacts | null>();
      for (let i = 0; i < hrefs.length && !stopped; i += BATCH) {
        const batch = hrefs.slice(i, i + BATCH);
        const answer = await ask(batch);
        if (!answer) return stop(); // the extension is gone: stop watching
        if (!answer.enabled) return turnOff(); // switched off here: nothing to watch, and no chip left from before
        batch.forEach((href, n) => answers.set(href, answer.scores[n] ?? null));
      }
      // Layout reads and writes in three passes, so a scan forces at most two layouts whatever the link count.
      const decided = pending.filter(([link, href]) => answers.has(href) && link.isConnected && link.href === href);
      const overlay = new Set(decided.filter(([link, href]) => answers.get(href) && !currentChip(link) && needsOverlay(link)).map(([link]) => link));
      const added = decided.flatMap(([link, href]) => {
        const chip = apply(link, href, answers.get(href) ?? null, overlay.has(link));
        return chip && overlay.has(link) ? [[chip, link] as const] : [];
      });
      added.map(([chip, link]) => [chip, chipOffsetBeside(chip, link)] as const).forEach(([chip, offset]) => setChipOffset(chip, offset));
      for (const [chip, link] of added) overlaid.set(chip, link);
    } finally {
      scanning = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  }

  /** One batch to the background; `undefined` when it cannot answer (extension reloaded or removed). */
  async function ask(links: string[]): Promise<MessageResponses['linkScores'] | undefined> {
    if (!browser.runtime?.id || ctx.isInvalid) return undefined;
    try {
      const envelope = (await browser.runtime.sendMessage({ type: 'linkScores', links })) as Envelope<MessageResponses['linkScores']> | undefined;
      return envelope?.ok ? envelope.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** The link's chip while it still sits right after the link. */
  function currentChip(link: HTMLAnchorElement): HTMLElement | undefined {
    const chip = seen.get(link)?.chip;
    return chip?.isConnected && link.nextSibling === chip ? chip : undefined;
  }

  /** Adds, updates or removes the chip after `link`; returns a chip it created. */
  function apply(link: HTMLAnchorElement, href: string, facts: ChipFacts | null, overlay: boolean): HTMLElement | undefined {
    let state = seen.get(link);
    if (!state) {
      seen.set(link, (state = { href }));
      // Keyboard focus on the link shows its chip's tooltip; the chip itself never takes focus.
      link.addEventListener('focus', () => state!.chip && link.matches(':focus-visible') && setChipOpen(state!.chip, true), { signal: ctx.signal });
      link.addEventListener('blur', () => state!.chip && setChipOpen(state!.chip, false), { signal: ctx.signal });
    }
    state.href = href;
    const current = currentChip(link);
    if (!current) state.chip?.remove(); // moved away from its link by the page: not ours to leave behind
    if (!facts) {
      current?.remove();
      state.chip = undefined;
      return undefined;
    }
    if (current) {
      updateChip(current, facts);
      return undefined;
    }
    state.chip = createChip(document, facts);
    if (!state.chip) return undefined;
    setChipOverlay(state.chip, overlay); // before it is in the page: one insertion, no later attribute write
    link.after(state.chip);
    return state.chip;
  }

  /** Overlay chips follow their title when the page reflows (window resized); positions are measured as a batch. */
  const overlaid = new Map<HTMLElement, HTMLAnchorElement>();
  let resizeTimer: number | undefined;
  ctx.addEventListener(window, 'resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = ctx.setTimeout(() => {
      for (const [chip] of overlaid) if (!chip.isConnected) overlaid.delete(chip);
      overlaid.forEach((_link, chip) => setChipOffset(chip, undefined));
      [...overlaid].map(([chip, link]) => [chip, chipOffsetBeside(chip, link)] as const).forEach(([chip, offset]) => setChipOffset(chip, offset));
    }, SCAN_DEBOUNCE_MS);
  });

  start();
}

/** A mutation that may bring links: added elements other than our chips, or a changed href. */
function relevant(record: MutationRecord): boolean {
  if (record.type === 'attributes') return record.target instanceof HTMLAnchorElement;
  for (const node of record.addedNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && !isOwnChip(node) && (node as Element).localName !== CHIP_TAG) return true;
  }
  return false;
}
