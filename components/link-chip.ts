/**
 * The score chip put after a matched link: a `<health-ai-lens-chip data-score="59">` element with a closed shadow
 * root, coloured by quality band, with a tooltip (title, band, outlet) on hover and while its link has keyboard
 * focus. Plain DOM (no Preact: it runs in the link-chip content script on result pages); never focusable, never
 * requests anything. Imported by entrypoints/link-chips.content/.
 */
import { t } from '../lib/i18n/messages';
import { qualityBand } from '../lib/rank/quality';

/** The element's tag: one name, so tests and the page can find chips, and the page cannot restyle inside it. */
export const CHIP_TAG = 'health-ai-lens-chip';

/** What a chip shows (as the background's `linkScores` answers it). */
export interface ChipFacts {
  /** Dataset quality score; `null` when the article has none. */
  score: number | null;
  title: string;
  /** The outlet's site, e.g. `statnews.com`. */
  site: string;
}

/** Digits of the score, as the toolbar badge shows them, or `?` without one. */
export function chipScoreText(facts: Pick<ChipFacts, 'score'>): string {
  return facts.score === null ? '?' : String(Math.round(facts.score));
}

/** What assistive technology announces, in the UI language, e.g. "Quality 59, good — Health AI Lens". */
export function chipLabel(facts: Pick<ChipFacts, 'score'>): string {
  if (facts.score === null) return t('chips.labelUnscored');
  return t('chips.label', chipScoreText(facts), t(`common.bandInSentence.${qualityBand(facts.score).id}`));
}

/** The tooltip's lines: the article's title as published, then score, band and outlet in the UI language. */
export function chipTooltipLines(facts: ChipFacts): [title: string, detail: string] {
  const detail = facts.score === null ? t('chips.detailUnscored', facts.site) : t('chips.detail', chipScoreText(facts), t(`verdict.band.${qualityBand(facts.score).id}`), facts.site);
  return [facts.title || t('common.untitled'), detail];
}

/**
 * Host styles win over any page rule: `!important` declarations of the shadow tree beat the page's, and `all:
 * initial` drops whatever the page's selectors would pass down. Absolute tooltip: showing it moves nothing.
 */
const CHIP_CSS = `:host{all:initial!important;display:inline-block!important;position:relative!important;margin:0 0 0 .35em!important;vertical-align:baseline!important;line-height:1!important;cursor:default!important;visibility:visible!important;opacity:1!important}
.wrap{display:inline-block;position:relative}
.score{display:inline-block;box-sizing:border-box;min-width:2.1em;padding:2px 5px;border-radius:9px;color:#fff;font:600 11px/13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;text-align:center;letter-spacing:0;white-space:nowrap}
.tip{display:none;position:absolute;left:0;top:calc(100% + 4px);z-index:2147483647;box-sizing:border-box;width:max-content;max-width:320px;padding:6px 8px;border-radius:6px;background:#202124;color:#fff;font:400 12px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;text-align:left;white-space:normal;box-shadow:0 2px 8px rgba(0,0,0,.3);pointer-events:none}
.tip b{display:block;font-weight:600}
:host(:hover) .tip,.open .tip{display:block}
:host([data-place=overlay]){position:absolute!important;margin:0!important;z-index:1!important;transform:translate(var(--health-ai-lens-dx,0px),var(--health-ai-lens-dy,0px))!important}`;

/** Shadow parts of each chip, kept here: the root is closed, so nothing else can reach them. */
const parts = new WeakMap<Element, { wrap: HTMLElement; score: HTMLElement; title: HTMLElement; detail: HTMLElement }>();

/** One parsed stylesheet shared by every chip of the page (a `<style>` per chip would be parsed 50 times). */
let sharedSheet: CSSStyleSheet | undefined;

function adoptChipStyles(doc: Document, root: ShadowRoot): void {
  try {
    if (!sharedSheet) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CHIP_CSS);
      sharedSheet = sheet;
    }
    root.adoptedStyleSheets = [sharedSheet];
    return;
  } catch {
    // No constructable stylesheets here (older engines, some content-script worlds): a style element per chip.
  }
  const style = doc.createElement('style');
  style.textContent = CHIP_CSS;
  root.append(style);
}

/**
 * A new chip for `facts`, or `undefined` when the page has taken the tag (a page's own custom element with a shadow
 * root of its own): then no chip rather than one the page controls.
 */
export function createChip(doc: Document, facts: ChipFacts): HTMLElement | undefined {
  const host = doc.createElement(CHIP_TAG);
  let root: ShadowRoot;
  try {
    root = host.attachShadow({ mode: 'closed' });
  } catch {
    return undefined;
  }
  adoptChipStyles(doc, root);
  const wrap = doc.createElement('span');
  wrap.className = 'wrap';
  const score = doc.createElement('span');
  score.className = 'score';
  const tip = doc.createElement('span');
  tip.className = 'tip';
  tip.setAttribute('aria-hidden', 'true'); // the host's label says it; the tooltip is for sighted readers
  const title = doc.createElement('b');
  const detail = doc.createElement('span');
  tip.append(title, detail);
  wrap.append(score, tip);
  root.append(wrap);
  parts.set(host, { wrap, score, title, detail });
  // An image to assistive technology, with one label; never in the tab order, so focus stays on the link.
  host.setAttribute('role', 'img');
  updateChip(host, facts);
  return host;
}

/** Shows `facts` on an existing chip (a link whose target changed to another article). */
export function updateChip(chip: Element, facts: ChipFacts): void {
  const own = parts.get(chip);
  if (!own) return;
  const text = chipScoreText(facts);
  chip.setAttribute('data-score', text);
  chip.setAttribute('aria-label', chipLabel(facts));
  own.score.textContent = text; // dataset text only ever as text
  own.score.style.background = qualityBand(facts.score ?? undefined).color;
  const [title, detail] = chipTooltipLines(facts);
  own.title.textContent = title;
  own.detail.textContent = detail;
}

/**
 * Whether a chip after `link` would start a line of its own (a block link, or one holding a heading or block, as
 * result titles do): such a chip is laid over the space beside the title instead, so nothing below it moves.
 */
export function needsOverlay(link: HTMLElement): boolean {
  return link.querySelector(BLOCK_CONTENT) !== null || getComputedStyle(link).display !== 'inline';
}

/** Descendants that break a link's inline box into lines of their own. */
const BLOCK_CONTENT = 'h1,h2,h3,h4,h5,h6,div,p,br,ul,ol,li,section,article,header,footer,figure,table,blockquote';

/** Marks a chip as laid over the page (out of flow) rather than in the line after its link. */
export function setChipOverlay(chip: Element, overlay: boolean): void {
  if (overlay) chip.setAttribute('data-place', 'overlay');
  else chip.removeAttribute('data-place');
}

/**
 * Moves an overlay chip from where it sits out of flow to just after the link's title line (its first heading, else
 * its last line box), vertically centred on it. Reads layout: call for a batch of chips after writing them all.
 */
export function chipOffsetBeside(chip: Element, link: HTMLElement): [dx: number, dy: number] | undefined {
  const own = parts.get(chip);
  if (!own) return undefined;
  // The text's own line boxes, not the heading's block box (which spans the whole column).
  const range = (link.ownerDocument ?? document).createRange();
  range.selectNodeContents(link.querySelector('h1,h2,h3,h4,h5,h6') ?? link);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const line = rects[rects.length - 1];
  const box = chip.getBoundingClientRect();
  if (!line || box.width === 0) return undefined;
  return [Math.round(line.right + 4 - box.left), Math.round(line.top + (line.height - box.height) / 2 - box.top)];
}

/**
 * Applies an offset from {@link chipOffsetBeside}. Custom properties on the host: the shadow rule that reads them
 * is the only transform the host can have, and they do not count as a change of the page's own content.
 */
export function setChipOffset(chip: Element, offset: [number, number] | undefined): void {
  if (!isOwnChip(chip)) return;
  const style = (chip as HTMLElement).style;
  if (!offset) {
    style.removeProperty('--health-ai-lens-dx');
    style.removeProperty('--health-ai-lens-dy');
    return;
  }
  style.setProperty('--health-ai-lens-dx', `${offset[0]}px`);
  style.setProperty('--health-ai-lens-dy', `${offset[1]}px`);
}

/** Opens or closes the tooltip (while the chip's link has keyboard focus). */
export function setChipOpen(chip: Element, open: boolean): void {
  parts.get(chip)?.wrap.classList.toggle('open', open);
}

/** Whether `node` is one of our chips (made here, not a look-alike the page added). */
export function isOwnChip(node: Node | null | undefined): node is HTMLElement {
  return !!node && parts.has(node as Element);
}
