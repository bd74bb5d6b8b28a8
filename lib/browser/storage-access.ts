/**
 * Limits `storage.local` (settings, opened links) to trusted contexts: our extension pages and the
 * background, not content scripts, which share a process with the page. Browser adapter; the
 * background calls it at start.
 */
import { browser } from 'wxt/browser';

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Sets `storage.local` to `TRUSTED_CONTEXTS` where the browser supports it (Chrome); elsewhere
 * (Firefox) content scripts keep their default access, and nothing of ours reads storage there.
 * @returns whether the restriction is now in force.
 */
export async function restrictLocalStorageToTrustedContexts(): Promise<boolean> {
  const area = browser.storage.local as unknown as AccessLevelArea;
  if (typeof area.setAccessLevel !== 'function') return false;
  await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return true;
}
