/**
 * The background's `runtime.onMessage` listener: parses every message with the zod union, checks its
 * sender, runs the message's handler and answers in an envelope (errors arrive as data). Browser
 * adapter; the background passes its handlers.
 */
import { browser, type Browser } from 'wxt/browser';
import { Message, isAllowedSender, type Envelope, type MessageResponses } from '../app/messages';
import { logError } from '../app/log-error';

/** One handler per message type, returning that type's reply. */
export type MessageHandlers = {
  [K in Message['type']]: (message: Extract<Message, { type: K }>, sender: Browser.runtime.MessageSender) => Promise<MessageResponses[K]> | MessageResponses[K];
};

type Listener = (raw: unknown, sender: Browser.runtime.MessageSender, sendResponse: (response: Envelope<unknown>) => void) => boolean;

/** The listener: `false` (no answer) for anything not ours or from a sender it is not allowed from. */
export function createMessageRouter(handlers: MessageHandlers): Listener {
  return (raw, sender, sendResponse) => {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return false; // not ours (or malformed): no answer
    if (!isAllowedSender(parsed.data, sender, browser.runtime.id, browser.runtime.getURL('/'))) return false;
    const handler = handlers[parsed.data.type] as (m: Message, s: Browser.runtime.MessageSender) => unknown;
    Promise.resolve()
      .then(() => handler(parsed.data, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => {
          logError(error, `message ${parsed.data.type}`);
          sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
    return true; // answer asynchronously
  };
}

/** Routes the extension's runtime messages to `handlers`. */
export function listenToMessages(handlers: MessageHandlers): void {
  browser.runtime.onMessage.addListener(createMessageRouter(handlers) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
