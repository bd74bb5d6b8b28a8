/**
 * The protocol between the content script (entrypoints/sidebar/) and the sidebar frame
 * (entrypoints/sidebar-frame/): the host element's name, the frame page's path and the messages on
 * their private `MessageChannel`. Types and constants only, so the content script stays tiny.
 */
import type { PageSignals } from '../match/page-signals-schema';

/** The one element the sidebar adds to a page; its shadow root is closed. */
export const SIDEBAR_HOST_TAG = 'health-ai-lens';

/** The sidebar's extension page, web-accessible (with a per-session dynamic URL) only to be framed. */
export const SIDEBAR_FRAME_PATH = '/sidebar-frame.html';

/** Content script → frame. */
export type PageToFrame =
  /**
   * Sent once, with the port, to the frame's window: `nonce` is the fragment of the URL the content
   * script gave the frame, so a page that posts its own port first is ignored.
   */
  | { type: 'connect'; nonce: string; signals: PageSignals; expanded: boolean; focus: boolean; viewport: Viewport }
  /** The page changed (SPA navigation) and still has something to show: ask the background again. */
  | { type: 'signals'; signals: PageSignals }
  /** The toggle shortcut (Alt+Shift+L): expand with focus in the panel, or collapse. */
  | { type: 'toggle' }
  /** The page's window was resized: the panel never grows beyond it. */
  | { type: 'viewport'; viewport: Viewport };

/** The page's window size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

/** Frame → content script. */
export type FrameToPage =
  /** The frame's content box: the content script sizes the iframe to it (small tab, or the panel). */
  | { type: 'size'; width: number; height: number }
  /**
   * Remove the sidebar from this page: closed for the page, or (`hidden`) hidden by the settings or
   * with nothing to show, when a later settings change may bring it back without a reload.
   */
  | { type: 'close'; hidden?: boolean }
  /** Escape or a collapse by shortcut: give keyboard focus back to the page. */
  | { type: 'focusPage' };

/** Whether `value` is a well-formed `connect` message (the frame's first and only `window` message). */
export function isConnect(value: unknown, nonce: string): value is Extract<PageToFrame, { type: 'connect' }> {
  const message = value as Partial<Extract<PageToFrame, { type: 'connect' }>> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'connect' &&
    nonce.length >= 16 &&
    message.nonce === nonce &&
    typeof message.signals === 'object' &&
    message.signals !== null
  );
}
