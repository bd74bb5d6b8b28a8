/**
 * URL → match key. Placeholder signature; the matching work (issue 4) fills it in.
 * Pure: no browser APIs.
 */

/** The canonical match key of a URL, or `undefined` when it is not an http(s) URL. */
export function matchKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  const params = [...parsed.searchParams].filter(([name]) => !name.toLowerCase().startsWith('utm_'));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${path}${query}`;
}
