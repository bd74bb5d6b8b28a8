/**
 * Scores for the links of a page, in one batch: each link's target (engine redirects unwrapped) looked up by its match
 * keys in the store's in-memory URL table. Badge facts only: never reads an article. Imported by the background.
 */
import { candidateMatchKeys, registrableDomain } from '../match/match-key';
import { linkTarget } from '../match/link-target';
import { linkChipsEnabled } from './site-chips';
import type { BadgeFacts } from '../store/url-table';
import type { Settings } from './settings';

/** What a chip shows for one link: the article's score (null: unscored), title and site. */
export interface LinkScore {
  score: number | null;
  title: string;
  /** The registrable domain of the target (the outlet as the reader knows it), e.g. `statnews.com`. */
  site: string;
}

/** The answer to one scan: `enabled: false` tells the page's script to stop; else one entry per link sent. */
export type LinkScores = { enabled: false } | { enabled: true; scores: (LinkScore | null)[] };

/** Badge facts for the first stored key of a list, most specific first (`Store.findFacts`). */
export type FindFacts = (keys: readonly string[]) => Promise<BadgeFacts | undefined>;

/** The part of the store this module uses. */
export interface FactsSource {
  findFacts: FindFacts;
  /** Waits for the URL table, so a batch is answered from memory, not by reading chunks. */
  tableReady(): Promise<boolean>;
}

/**
 * Scores for `links`, aligned with them: `null` for a link whose target matches no article (or is no http(s) URL).
 * Links sharing a target are looked up once.
 * @param links hrefs as the page has them (absolute, or relative to `pageUrl`)
 * @param findFacts the store's badge-fact lookup
 */
export async function scoreLinks(links: readonly string[], findFacts: FindFacts, pageUrl?: string): Promise<(LinkScore | null)[]> {
  const byTarget = new Map<string, Promise<LinkScore | null>>();
  const lookup = async (target: string): Promise<LinkScore | null> => {
    const keys = candidateMatchKeys(target);
    const facts = keys.length ? await findFacts(keys) : undefined;
    if (!facts) return null;
    return { score: facts.quality ?? null, title: facts.title, site: registrableDomain(target) ?? new URL(target).hostname };
  };
  return Promise.all(
    links.map((href) => {
      const target = linkTarget(href, pageUrl);
      if (!target) return null;
      let answer = byTarget.get(target);
      if (!answer) byTarget.set(target, (answer = lookup(target)));
      return answer;
    }),
  );
}

/**
 * The background's answer to a content script's `linkScores` message.
 * @param pageUrl the sender tab's URL (never the message's word for it)
 */
export async function answerLinkScores(links: readonly string[], pageUrl: string | undefined, store: FactsSource, settings: Pick<Settings, 'linkChips'>): Promise<LinkScores> {
  if (!linkChipsEnabled(settings, pageUrl)) return { enabled: false };
  await store.tableReady();
  return { enabled: true, scores: await scoreLinks(links, (keys) => store.findFacts(keys), pageUrl) };
}
