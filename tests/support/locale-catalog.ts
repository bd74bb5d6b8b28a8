/**
 * The locale files as the browser sees them: `locales/<lang>.yml` turned into the flat
 * `messages.json` shape by the same `@wxt-dev/i18n` build code the extension's build uses, and a
 * `getMessage` with Chrome's `$1…$9` / `$$` substitution rules over it. Unit tests render in English
 * through it; the locale tests compare catalogues key for key.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import type { MessageSource } from '../../lib/i18n/messages';

export const LOCALES_DIR = join(import.meta.dirname, '../../locales');

/** The languages that have a locale file, English first. */
export function localeNames(): string[] {
  const names = readdirSync(LOCALES_DIR)
    .filter((file) => file.endsWith('.yml'))
    .map((file) => file.slice(0, -'.yml'.length));
  return ['en', ...names.filter((name) => name !== 'en').sort()];
}

/** One language's flat catalogue: `ext_name` → "Health AI Lens". */
export async function flatCatalog(language: string): Promise<Record<string, string>> {
  const messages = generateChromeMessages(await parseMessagesFile(join(LOCALES_DIR, `${language}.yml`)));
  return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, (value as { message: string }).message]));
}

/** `chrome.i18n.getMessage` over a flat catalogue; an unknown key answers "" as Chrome does. */
export function catalogSource(catalog: Record<string, string>): MessageSource {
  return {
    getMessage(flatKey, substitutions = []) {
      const message = catalog[flatKey];
      if (message === undefined) return '';
      return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
    },
  };
}
