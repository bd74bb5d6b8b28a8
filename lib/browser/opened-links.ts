/**
 * Links the user opened from our panels, so related lists can mark them as visited. Kept only in
 * extension storage on this device (never the browser history, never sent anywhere).
 */
import { storage } from '@wxt-dev/storage';

/** The most recent links kept; older ones are forgotten. */
export const MAX_OPENED_LINKS = 500;

const openedLinksItem = storage.defineItem<string[]>('local:openedLinks', { fallback: [] });

/** URLs opened from a panel, most recent first. */
export async function loadOpenedLinks(): Promise<string[]> {
  const value = await openedLinksItem.getValue();
  return Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string') : [];
}

/** Remembers that `url` was opened from a panel. */
export async function rememberOpenedLink(url: string): Promise<void> {
  const current = await loadOpenedLinks();
  await openedLinksItem.setValue([url, ...current.filter((u) => u !== url)].slice(0, MAX_OPENED_LINKS));
}
