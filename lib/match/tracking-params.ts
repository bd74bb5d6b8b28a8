/**
 * Which query parameters only track a click (and never identify an article), so matching can drop them.
 * Pure data plus one predicate: no browser APIs. Imported by lib/match/match-key.ts only.
 */

/*
 * Source: the ClearURLs rule set (github.com/ClearURLs/Rules, `data.min.json`, stored copy read
 * 2026-11-25): its `globalRules` (rules + referralMarketing) become TRACKING_PARAM_NAMES and
 * TRACKING_PARAM_PATTERNS, and its per-site providers for news publishers become SITE_TRACKING_PARAMS.
 * Names also on Firefox's query-stripping list (`privacy.query_stripping.strip_list`) that ClearURLs
 * lacks were added: gbraid, wbraid, oft_*, igshid. Names we added, each with its reason, are marked "Ours".
 * No maintained list is an npm dependency we may add, so the list is copied here, not fetched.
 * TODO [2027-06-01]: diff against both upstream lists again.
 */

/**
 * Exact parameter names (lower-case) dropped on every site.
 * Deliberately absent: `p`, `id`, `story`, `articleid`, `page`, `s`, `source`, `from` (they identify
 * content or are only tracking on one site; see SITE_TRACKING_PARAMS).
 */
export const TRACKING_PARAM_NAMES: ReadonlySet<string> = new Set([
  // ClearURLs globalRules.rules
  'utm',
  'yclid',
  '_openstat',
  'fb_action_types',
  'fb_action_ids',
  'fb_source',
  'fb_ref',
  'fbclid',
  'action_object_map',
  'action_type_map',
  'action_ref_map',
  'gs_l',
  'mkt_tok',
  'hmb_campaign',
  'hmb_medium',
  'hmb_source',
  'gclid',
  'cmpid',
  'os_ehash',
  '_ga',
  '_gl',
  '__twitter_impression',
  'wt_mc',
  'wtmc',
  'wt_zmc',
  'wtzmc',
  'wtrid',
  'dclid',
  'echobox',
  'spm',
  'tracking_source',
  'ceneo_spo',
  '__hsfp',
  '__hssc',
  '__hstc',
  '_hsenc',
  '__s',
  'hsctatracking',
  'mc_eid',
  'mc_cid',
  'mc_tc',
  'ml_subscriber',
  'ml_subscriber_hash',
  'msclkid',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  's_cid',
  'vero_conv',
  'vero_id',
  'wickedid',
  'twclid',
  // ClearURLs globalRules.referralMarketing
  'ref',
  'ref_',
  'referrer',
  // Firefox query stripping list (not already above)
  'gbraid',
  'wbraid',
  'oft_c',
  'oft_ck',
  'oft_d',
  'oft_id',
  'oft_ids',
  'oft_k',
  'oft_lk',
  'oft_sk',
  'igshid',
  // Ours: HubSpot email-click id (ClearURLs lists it per site; it is HubSpot-wide).
  '_hsmi',
  // Ours: Microsoft Start/MSN syndication click id, seen on links to news sites.
  'ocid',
  // Ours: NYT share id, also copied onto syndicated links (ClearURLs scopes it to nytimes.com).
  'smid',
  // Ours: Yahoo consent-wall round trip (ClearURLs' older techcrunch rules).
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  // Ours: Twitter/X share referrer (ClearURLs scopes `ref_src` to twitter.com; it leaks onto targets).
  'ref_src',
  'ref_url',
  // Ours: share-button tokens. The sample's protocol.com webUrls carry `?share_id=` (../shared SUMMARY §5).
  'share_id',
  // Ours: Scroll/pharmaphorum "suggested" crumb seen on a related webUrl in the sample.
  '_scpsug',
  // Ours: Google AMP viewer / cache bookkeeping, appended when a page is opened from search.
  'amp_js_v',
  'amp_gsa',
  'amp_r',
  'usqp',
  '_gsa',
  '__amp_source_origin',
]);

/**
 * Name patterns (tested against the lower-cased name) dropped on every site; ClearURLs globalRules.
 * `utm_*` is the one every newsletter and social app adds.
 */
export const TRACKING_PARAM_PATTERNS: readonly RegExp[] = [
  /^utm_[a-z_]*$/,
  /^ga_[a-z_]+$/,
  /^otm_[a-z_]*$/,
  /^vn(?:_[a-z]*)+$/,
  /^itm_(?:campaign|medium|source|content|term)$/,
  // ClearURLs `[a-z]?mc`: Webtrends/Matomo-style campaign markers (`mc`, `wmc`, `cmc`).
  /^[a-z]?mc$/,
];

/**
 * Parameters that track only on one site (keyed by registrable domain), from ClearURLs providers for
 * news publishers, plus Dow Jones' `mod` (wsj/marketwatch/barrons "module" click source: the sample's
 * wsj webUrls carry `?mod=`; on other sites `mod=` can select a page, so it stays site-scoped).
 */
export const SITE_TRACKING_PARAMS: Readonly<Record<string, ReadonlySet<string>>> = {
  'nytimes.com': new Set(['smid']),
  'techcrunch.com': new Set(['ncid', 'sr', 'sr_share']),
  'theguardian.com': new Set(['cmp']),
  'wired.com': new Set(['intcid']),
  'reuters.com': new Set(['taid']),
  'cnbc.com': new Set(['__source']),
  'cnet.com': new Set(['ftag']),
  'zdnet.com': new Set(['ftag']),
  'newyorker.com': new Set(['source', 'bxid', 'cndid', 'esrc', 'mbid']),
  'medium.com': new Set(['source']),
  'linkedin.com': new Set(['refid', 'trk', 'trackingid']),
  'twitter.com': new Set(['src', 's', 'cn', 't']),
  'x.com': new Set(['src', 's', 'cn', 't']),
  'wsj.com': new Set(['mod']),
  'marketwatch.com': new Set(['mod', 'tesla']),
  'barrons.com': new Set(['mod']),
  'diepresse.com': new Set(['from', 'xtor', 'xt_at']),
  'europe1.fr': new Set(['xtor']),
  'eonline.com': new Set(['source', 'medium', 'content']),
  'healio.com': new Set(['ecp', 'm_bt']),
  'deeplearning.ai': new Set(['ecid']),
};

/**
 * True when a query parameter only tracks the click and can be dropped from a match key.
 * @param name the parameter name as it appears in the URL (any case)
 * @param domain registrable domain of the page (e.g. `wsj.com`), for site-only rules
 */
export function isTrackingParam(name: string, domain?: string): boolean {
  const lower = name.toLowerCase();
  if (TRACKING_PARAM_NAMES.has(lower)) return true;
  if (domain !== undefined && SITE_TRACKING_PARAMS[domain]?.has(lower)) return true;
  return TRACKING_PARAM_PATTERNS.some((pattern) => pattern.test(lower));
}
