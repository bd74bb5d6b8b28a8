/**
 * `toUtcIso`: a source's publication date (any ISO 8601 offset, or a YAML Date) as UTC ISO with milliseconds.
 * Pure; imported by lib/ingest/article-draft.ts. Strict on purpose: `Date.parse` alone accepts engine-specific forms.
 */

/** Publication years outside this range are junk, not news (the archive starts in 2013). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** `Date#toISOString`'s own form, the one our bundles store. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let lastIsoIn: string | undefined;
let lastIsoOut: string | undefined;

/**
 * Converts a date string (any ISO 8601 offset, or none: read as UTC) or Date into UTC ISO with milliseconds,
 * e.g. `2021-12-22T10:00:00-08:00` → `2021-12-22T18:00:00.000Z`. We always keep the milliseconds (`Date#toISOString`).
 * @returns undefined for anything unparseable or outside years 1900–2199
 */
export function toUtcIso(value: string | Date | null | undefined): string | undefined {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') {
    // Our own bundles store dates already in this exact form (and related entries often repeat the article's):
    // a value that round-trips through Date unchanged, with an in-range year, is its own answer.
    if (value === lastIsoIn) return lastIsoOut;
    if (CANONICAL_ISO.test(value)) {
      const year = Number(value.slice(0, 4));
      const time = Date.parse(value);
      if (year >= MIN_YEAR && year <= MAX_YEAR && Number.isFinite(time) && new Date(time).toISOString() === value) {
        lastIsoIn = value;
        lastIsoOut = value;
        return value;
      }
    }
    // Strict pattern: Date.parse alone accepts engine-specific forms and reads zone-less times as local time.
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
    if (!match) return undefined;
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = match;
    const month = Number(mo);
    const day = Number(d);
    // The year is checked here, not only after: Date.UTC maps years 0–99 to 1900–1999.
    if (Number(y) < MIN_YEAR || Number(y) > MAX_YEAR) return undefined;
    if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    time = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms) - offsetMinutes * 60_000;
    // Reject 2021-02-31 and the like, which Date.UTC would silently roll over.
    if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return undefined;
  } else return undefined;
  if (!Number.isFinite(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return new Date(time).toISOString();
}
