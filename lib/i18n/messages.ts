/**
 * The UI's words. Every user-visible string comes from the locale files (`locales/<lang>.yml`, built
 * into `_locales/` by `@wxt-dev/i18n/module`) through this module, never from a literal in a
 * component. The browser picks the catalogue from its UI language and falls back to English per key.
 *
 * The catalogue is read through a {@link MessageSource}: the browser's `i18n` API in the extension,
 * an English catalogue built from the same files in unit tests (tests/unit/setup.ts).
 */
import type { GeneratedI18nStructure } from '#i18n';

/** A message key as written in the locale files, dots between sections: `ext.name`. */
export type MessageKey = keyof GeneratedI18nStructure & string;

/** The key of a plural message (`counts.articles` for `counts.articles.one` / `.other`). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/** Where messages come from: `getMessage` as in `chrome.i18n` (flat `a_b` keys, `$1` substitutions). */
export interface MessageSource {
  getMessage(flatKey: string, substitutions?: string[]): string;
}

interface BrowserI18nGlobal {
  chrome?: { i18n?: MessageSource };
  browser?: { i18n?: MessageSource };
}

let source: MessageSource | undefined;

/** Replaces the catalogue (unit tests install the English one; nothing in the product calls this). */
export function setMessageSource(next: MessageSource | undefined): void {
  source = next;
  pluralRules = undefined;
}

function currentSource(): MessageSource | undefined {
  if (source) return source;
  const scope = globalThis as BrowserI18nGlobal;
  return scope.browser?.i18n ?? scope.chrome?.i18n;
}

/**
 * The message for `key` with `$1…$9` filled from `substitutions`. A key the catalogue lacks comes
 * back as the key itself, so a gap shows as a visible label, never as a blank.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return lookup(key, substitutions) ?? key;
}

function lookup(key: string, substitutions: readonly (string | number)[]): string | undefined {
  const flatKey = key.replaceAll('.', '_');
  const subs = substitutions.map(String);
  const message = currentSource()?.getMessage(flatKey, subs.length > 0 ? subs : undefined);
  return message ? message : undefined;
}

/** The BCP 47 language of the catalogue in use (`meta.language`): for `<html lang>` and `Intl`. */
export function uiLanguage(): string {
  return lookup('meta.language', []) ?? 'en';
}

let pluralRules: Intl.PluralRules | undefined;

/**
 * A count in words, by the language's own plural rules (`Intl.PluralRules`): French says "0 article",
 * English "0 articles". The count is formatted for the language and passed as `$1`, further
 * substitutions as `$2…`. A category the locale does not spell out (Spanish "many") falls back to `other`.
 */
export function tn(key: PluralKey, count: number, ...substitutions: (string | number)[]): string {
  pluralRules ??= new Intl.PluralRules(uiLanguage());
  const category = pluralRules.select(count);
  const subs = [formatNumber(count), ...substitutions];
  return lookup(`${key}.${category}`, subs) ?? lookup(`${key}.other`, subs) ?? key;
}

/** A number as the UI language writes it (`12,345` in English, `12.345` in German). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(uiLanguage(), options).format(value);
}

/** A calendar date as the UI language writes it, in the reader's time zone. */
export function formatDate(date: Date | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(uiLanguage(), options).format(date);
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * How long ago (or until) `then` is, in the UI language: "5 minutes ago", "vor 5 Minuten",
 * "yesterday". Under a minute reads as "now".
 */
export function formatRelativeTime(then: Date | number, now: Date | number = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  let amount = (Number(then) - Number(now)) / 1000;
  if (Math.abs(amount) < 60) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return format.format(Math.round(amount), 'year');
}

/**
 * Marks an extension page with the catalogue's language (`<html lang>`), so screen readers and
 * hyphenation follow it, and gives it its title in that language. Pages call it before rendering.
 * @param titleKey the page's `<title>`; without it the HTML's own title stays.
 */
export function localizeDocument(doc: Document, titleKey?: MessageKey): void {
  doc.documentElement.lang = uiLanguage();
  if (titleKey) doc.title = t(titleKey);
}
