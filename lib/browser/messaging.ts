/**
 * Typed runtime messaging for extension pages and content scripts: send a `Message`, get its reply
 * from `MessageResponses`, errors re-thrown as `Error`; and typed messages to a tab's content script.
 * Browser adapter.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/messages';
import type { ContentScriptMessage, Envelope, Message, MessageResponses } from '../app/messages';

/** Sends `message` to the background and resolves with its reply. */
export async function sendMessage<M extends Message>(message: M): Promise<MessageResponses[M['type']]> {
  const envelope = (await browser.runtime.sendMessage(message)) as Envelope<MessageResponses[M['type']]> | undefined;
  if (!envelope) throw new Error(t('common.noAnswer'));
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

/** Sends `message` to a tab's content script; a tab without our content script is not an error. */
export async function sendToContentScript(tabId: number, message: ContentScriptMessage): Promise<void> {
  await browser.tabs.sendMessage(tabId, message).catch(() => {});
}
