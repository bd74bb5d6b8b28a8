/**
 * The one check for "an absolute http(s) URL", shared by schemas, matching and rendering.
 * Pure and dependency-free, so any bundle (content script, components) may import it.
 */

/**
 * Whether `value` parses as an absolute http(s) URL. Runs for every URL of every synced record, so
 * the scheme is checked on the string first and `URL.canParse` (no object) is used where present.
 */
export function isHttpUrl(value: string): boolean {
  const head = value.slice(0, 8).toLowerCase();
  if (head.startsWith('https://') || head.startsWith('http://')) {
    if (typeof URL.canParse === 'function') return URL.canParse(value);
  } else if (!/^\s*https?:/i.test(value)) {
    return false; // javascript:, data:, relative…: no parse needed
  }
  try {
    // Odd forms (leading spaces, `HTTP:host`) normalize in the WHATWG parser: let it decide.
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
