/**
 * Whether the first-run welcome card is still to be shown: set on a fresh install, cleared for good
 * when the user dismisses it (in any panel). Browser adapter over one extension-storage item;
 * imported by the background (on install) and the panels.
 */
import { storage } from '@wxt-dev/storage';

/** `pending` from install until dismissed; absent on profiles that predate the card (no welcome on update). */
const welcomeItem = storage.defineItem<'pending' | 'dismissed' | null>('local:welcome', { fallback: null });

/** Marks the welcome card as due (a fresh install). */
export async function markWelcomePending(): Promise<void> {
  if ((await welcomeItem.getValue()) !== 'dismissed') await welcomeItem.setValue('pending');
}

/** Whether the welcome card is due. */
export async function welcomePending(): Promise<boolean> {
  return (await welcomeItem.getValue()) === 'pending';
}

/** The user dismissed the card: no panel shows it again. */
export async function dismissWelcome(): Promise<void> {
  await welcomeItem.setValue('dismissed');
}

/** The welcome hooks every panel passes to `PanelApp`. */
export const welcome = { load: welcomePending, dismiss: () => void dismissWelcome() };
