/**
 * Which pages are search result pages (Google, Bing, DuckDuckGo): match patterns for the link-chip content script
 * and the same test for a URL. Pure data and regexes: imported by wxt.config.ts, the link-chip script and lib/app.
 */

/**
 * Google's country domains (`www.google.<tld>`): match patterns cannot wildcard a top-level domain, so the script's
 * patterns list them. A missing one only means no chips there until it is added.
 */
export const GOOGLE_TLDS: readonly string[] = [
  'com', 'ad', 'ae', 'com.af', 'com.ag', 'al', 'am', 'co.ao', 'com.ar', 'as', 'at', 'com.au', 'az', 'ba', 'com.bd',
  'be', 'bf', 'bg', 'com.bh', 'bi', 'bj', 'com.bn', 'com.bo', 'com.br', 'bs', 'bt', 'co.bw', 'by', 'com.bz', 'ca',
  'cat', 'cd', 'cf', 'cg', 'ch', 'ci', 'co.ck', 'cl', 'cm', 'cn', 'com.co', 'co.cr', 'com.cu', 'cv', 'com.cy', 'cz',
  'de', 'dj', 'dk', 'dm', 'com.do', 'dz', 'com.ec', 'ee', 'com.eg', 'es', 'com.et', 'fi', 'com.fj', 'fm', 'fr', 'ga',
  'ge', 'gg', 'com.gh', 'com.gi', 'gl', 'gm', 'gr', 'com.gt', 'gy', 'com.hk', 'hn', 'hr', 'ht', 'hu', 'co.id', 'ie',
  'co.il', 'im', 'co.in', 'iq', 'is', 'it', 'je', 'com.jm', 'jo', 'co.jp', 'co.ke', 'com.kh', 'ki', 'kg', 'co.kr',
  'com.kw', 'kz', 'la', 'com.lb', 'li', 'lk', 'co.ls', 'lt', 'lu', 'lv', 'com.ly', 'co.ma', 'md', 'me', 'mg', 'mk',
  'ml', 'com.mm', 'mn', 'com.mt', 'mu', 'mv', 'mw', 'com.mx', 'com.my', 'co.mz', 'com.na', 'com.ng', 'com.ni', 'ne',
  'nl', 'no', 'com.np', 'nr', 'nu', 'co.nz', 'com.om', 'com.pa', 'com.pe', 'com.pg', 'com.ph', 'com.pk', 'pl', 'pn',
  'com.pr', 'ps', 'pt', 'com.py', 'com.qa', 'ro', 'rs', 'ru', 'rw', 'com.sa', 'com.sb', 'sc', 'se', 'com.sg', 'sh',
  'si', 'sk', 'com.sl', 'sn', 'so', 'sm', 'sr', 'st', 'com.sv', 'td', 'tg', 'co.th', 'com.tj', 'tl', 'tm', 'tn', 'to',
  'com.tr', 'tt', 'com.tw', 'co.tz', 'com.ua', 'co.ug', 'co.uk', 'com.uy', 'co.uz', 'com.vc', 'co.ve', 'co.vi',
  'com.vn', 'vu', 'ws', 'co.za', 'co.zm', 'co.zw',
];

/** Match patterns of the result pages the link chips run on by default (http and https). */
export const SEARCH_RESULT_PAGE_MATCHES: readonly string[] = [
  ...GOOGLE_TLDS.map((tld) => `*://www.google.${tld}/search*`),
  '*://www.bing.com/search*',
  // DuckDuckGo shows results at its root (`/?q=`) and moves there from its home page without a reload.
  '*://duckduckgo.com/*',
  '*://html.duckduckgo.com/html*',
];

const GOOGLE_TLD_SET: ReadonlySet<string> = new Set(GOOGLE_TLDS);

/**
 * Whether `url` is a page the default link-chip patterns cover (same rule as {@link SEARCH_RESULT_PAGE_MATCHES}).
 * @returns false for anything that does not parse or is not http(s)
 */
export function isSearchResultPage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname;
  const path = parsed.pathname;
  if (host.startsWith('www.google.')) return GOOGLE_TLD_SET.has(host.slice('www.google.'.length)) && path.startsWith('/search');
  if (host === 'www.bing.com') return path.startsWith('/search');
  if (host === 'duckduckgo.com') return true;
  if (host === 'html.duckduckgo.com') return path.startsWith('/html');
  return false;
}
