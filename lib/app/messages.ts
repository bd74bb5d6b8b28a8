/**
 * The message protocol between popup, options, side panel, content script and background: one zod
 * union per direction parsed on arrival, reply types per message, and sender checks. Pure: no
 * browser APIs.
 */
import { z } from 'zod';
import { PanelModel, SyncSummary } from '../model/panel';
import { Suggestion } from '../model/suggestion';
import { FeedState } from '../model/feed-state';
import { PageSignals } from '../match/page-signals-schema';
import type { LinkScores } from './link-scores';
import type { SiteChipsState } from './site-chips';
import type { ExportPage } from './export';
import type { FeedTestResult } from './feed-test';

export { PageSignals };

// Strict objects: a message with a field we do not know is not ours, so it is refused, not trimmed.
export const Message = z.discriminatedUnion('type', [
  /** Popup / side panel: the panel for a tab (the active tab when `tabId` is absent). */
  z.strictObject({ type: z.literal('panel'), tabId: z.number().int().optional() }),
  /** Content script: the page it runs in; answers the sidebar's panel, or null when nothing to show. */
  z.strictObject({ type: z.literal('pageSignals'), signals: PageSignals }),
  /** Instant search over titles and excerpts. */
  z.strictObject({ type: z.literal('search'), query: z.string().max(500) }),
  z.strictObject({ type: z.literal('syncNow') }),
  z.strictObject({ type: z.literal('status') }),
  /** Options: validates a feed URL and test-fetches it before it is saved. */
  z.strictObject({ type: z.literal('testFeed'), url: z.string().max(4096) }),
  /** Options: settings and one bounded page of articles, for export; `after` is the previous page's `next`. */
  z.strictObject({
    type: z.literal('exportData'),
    after: z.strictObject({ chunk: z.string().max(20_000), index: z.number().int().min(0).max(1_000_000) }).optional(),
  }),
  /** Options: deletes every stored article and feed state. */
  z.strictObject({ type: z.literal('clearData') }),
  /** Options: per-topic counts and the quality histogram. */
  z.strictObject({ type: z.literal('dataSummary') }),
  /** Content script: one scan's link targets (hrefs as the page has them); answers one score or null per link. */
  z.strictObject({ type: z.literal('linkScores'), links: z.array(z.string().max(4096)).max(500) }),
  /** Sidebar: never show the sidebar on the sender tab's site (the site comes from the tab, never the message). */
  z.strictObject({ type: z.literal('hideOnThisSite') }),
  /** Sidebar: hide the sidebar everywhere for one of the fixed durations (no free-form time). */
  z.strictObject({ type: z.literal('snoozeSidebar'), duration: z.literal('day') }),
  /** Sidebar's Retry: a sync, rate-limited; the reply is the sync summary only. */
  z.strictObject({ type: z.literal('sidebarRetry') }),
  /**
   * Panels: the "Score chips on this site" switch for a tab's page. The sidebar frame asks about its own tab (no
   * `tabId`: the page comes from the sender); the popup and side panel name theirs, else the active tab.
   */
  z.strictObject({ type: z.literal('siteChips'), tabId: z.number().int().min(0).optional() }),
  /** Panels: turn score chips on or off for the site of that page (the site is read from the tab, never the message). */
  z.strictObject({ type: z.literal('setSiteChips'), tabId: z.number().int().min(0).optional(), on: z.boolean() }),
]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];

/** What the background sends to a tab's content script (the sidebar); checked there on arrival. */
export const ContentScriptMessage = z.discriminatedUnion('type', [
  /** The user pressed the `toggle-sidebar` command (Alt+Shift+L). */
  z.strictObject({ type: z.literal('toggleSidebar') }),
  /**
   * The sidebar settings changed (a site un-hidden, the switch turned on, a snooze ended): the page
   * asks again whether it has something to show, so a hidden sidebar comes back without a reload.
   */
  z.strictObject({ type: z.literal('sidebarSettingsChanged') }),
  /** The score-chip settings for this page changed: the chip script asks again, adding or removing its chips. */
  z.strictObject({ type: z.literal('linkChipsChanged') }),
]);
export type ContentScriptMessage = z.infer<typeof ContentScriptMessage>;

export const StatusReport = z.object({
  summary: SyncSummary,
  feeds: z.array(FeedState),
});
export type StatusReport = z.infer<typeof StatusReport>;

export const DataSummary = z.object({
  articleCount: z.number(),
  topics: z.array(z.object({ topic: z.string(), count: z.number() })),
  /** Articles per quality band of width 20 (`from` inclusive); `unscored` apart. */
  histogram: z.array(z.object({ from: z.number(), count: z.number() })),
  unscored: z.number(),
});
export type DataSummary = z.infer<typeof DataSummary>;

/** Reply type per message type. */
export interface MessageResponses {
  panel: PanelModel;
  pageSignals: PanelModel | null;
  search: Suggestion[];
  syncNow: StatusReport;
  status: StatusReport;
  testFeed: FeedTestResult;
  exportData: ExportPage;
  clearData: { ok: true };
  dataSummary: DataSummary;
  linkScores: LinkScores;
  hideOnThisSite: { ok: true };
  snoozeSidebar: { ok: true };
  sidebarRetry: SyncSummary;
  siteChips: SiteChipsState;
  setSiteChips: SiteChipsState;
}

/** Every reply travels in an envelope so errors arrive as data, not as a rejected promise. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };

/** The minimum of a `runtime.MessageSender` the checks need. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Messages a content script may send: the sidebar's script reports its page's signals, the link
 * chips ask for their links' scores. The sidebar's UI is an extension page in a frame (search, Retry
 * and its settings go from there); everything else is for extension pages only.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set(['pageSignals', 'linkScores']);

/** Messages about the tab they come from: only from an extension page framed inside a tab (the sidebar frame). */
const TAB_FRAME_MESSAGES: ReadonlySet<MessageType> = new Set(['hideOnThisSite', 'snoozeSidebar', 'sidebarRetry']);

/** Messages a framed page may send about its own tab only (a `tabId` naming another tab is refused). */
const OWN_TAB_MESSAGES: ReadonlySet<MessageType> = new Set(['siteChips', 'setSiteChips']);

/**
 * Whether `sender` may send `message`: always our own extension; extension pages may send any
 * message (the sidebar's own ones only from a frame inside a tab); content scripts (senders with a
 * tab, outside our origin) only their page's own signals and their links' scores, from the top frame.
 * @param extensionOrigin e.g. `chrome-extension://<id>/`.
 */
export function isAllowedSender(
  message: Message,
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const fromExtensionPage = sender.url?.startsWith(extensionOrigin) ?? false;
  if (fromExtensionPage) {
    const framedInTab = (sender.tab?.id ?? -1) >= 0 && sender.frameId !== undefined && sender.frameId > 0;
    // The sidebar frame's chip switch is about its own tab only: naming another one is not its business.
    if (framedInTab && OWN_TAB_MESSAGES.has(message.type) && 'tabId' in message && message.tabId !== undefined && message.tabId !== sender.tab?.id) return false;
    return !TAB_FRAME_MESSAGES.has(message.type) || framedInTab;
  }
  if (!sender.tab?.id || sender.tab.id < 0) return false;
  if (sender.frameId !== undefined && sender.frameId !== 0) return false;
  return CONTENT_SCRIPT_MESSAGES.has(message.type);
}
