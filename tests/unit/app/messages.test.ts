/**
 * Tests for lib/app/messages.ts: what the background accepts (zod `Message`) and from whom (`isAllowedSender`).
 * The e2e side (a web page cannot reach us, a real content script cannot ask for another tab) is in tests/e2e/privacy.spec.ts.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTENT_SCRIPT_MESSAGES, ContentScriptMessage, Message, PageSignals, isAllowedSender, type MessageType, type SenderInfo } from '../../../lib/app/messages';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** Code that runs in web pages' isolated world: the base content script and the UI the background injects. */
const CONTENT_SCRIPT_SOURCES = ['entrypoints/sidebar/index.ts', 'entrypoints/link-chips.content/index.ts'];

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const signals: PageSignals = { url: 'https://news.example/a', isArticle: true, title: 'A story' };

/** One valid instance of every message type, so a new type without a case here fails the exhaustiveness check. */
const examples: { [K in MessageType]: Extract<Message, { type: K }> } = {
  panel: { type: 'panel', tabId: 3 },
  pageSignals: { type: 'pageSignals', signals },
  search: { type: 'search', query: 'sepsis' },
  syncNow: { type: 'syncNow' },
  status: { type: 'status' },
  testFeed: { type: 'testFeed', url: 'https://feeds.example/api/' },
  exportData: { type: 'exportData', after: { chunk: 'https://feeds.example/api/\u00002024-05\u00000', index: 12 } },
  clearData: { type: 'clearData' },
  dataSummary: { type: 'dataSummary' },
  linkScores: { type: 'linkScores', links: ['https://www.google.com/url?q=https://news.example/a', '/relative'] },
  hideOnThisSite: { type: 'hideOnThisSite' },
  snoozeSidebar: { type: 'snoozeSidebar', duration: 'day' },
  sidebarRetry: { type: 'sidebarRetry' },
  siteChips: { type: 'siteChips' },
  setSiteChips: { type: 'setSiteChips', on: false },
};
const all = Object.values(examples) as Message[];

const extensionPage: SenderInfo = { id: ID, url: `${ORIGIN}popup.html?tabId=3` };
/** The sidebar: our extension page in a frame of a web page's tab. */
const sidebarFrame: SenderInfo = { id: ID, url: `${ORIGIN}sidebar-frame.html`, tab: { id: 7 }, frameId: 4 };
/** Messages about the sender's own tab: only from an extension page inside a tab. */
const TAB_FRAME_TYPES: MessageType[] = ['hideOnThisSite', 'snoozeSidebar', 'sidebarRetry'];
const contentScript: SenderInfo = { id: ID, url: 'https://news.example/a', tab: { id: 7 }, frameId: 0 };

describe('Message parsing', () => {
  it.each(all)('accepts a valid $type message', (message) => {
    expect(Message.safeParse(message)).toEqual({ success: true, data: message });
  });

  it.each([
    ['unknown type', { type: 'deleteEverything' }],
    ['no type', { tabId: 1 }],
    ['type of the wrong kind', { type: 1 }],
    ['not an object', 'panel'],
    ['null', null],
    ['an array', [{ type: 'status' }]],
    ['an export cursor with a negative index', { type: 'exportData', after: { chunk: 'k', index: -1 } }],
    ['an export cursor with an unknown field', { type: 'exportData', after: { chunk: 'k', index: 0, all: true } }],
    ['prototype pollution key', JSON.parse('{"type":"status","__proto__":{"polluted":1}}')],
  ])('rejects %s', (_name, raw) => {
    expect(Message.safeParse(raw).success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(all)('rejects $type with an extra field', (message) => {
    expect(Message.safeParse({ ...message, extra: 'x' }).success).toBe(false);
  });

  it('rejects extra fields inside pageSignals', () => {
    expect(Message.safeParse({ type: 'pageSignals', signals: { ...signals, cookie: 'sid=1' } }).success).toBe(false);
  });

  it.each([
    ['search query over 500 chars', { type: 'search', query: 'q'.repeat(501) }],
    ['feed URL over 4096 chars', { type: 'testFeed', url: `https://f.example/${'a'.repeat(4096)}` }],
    ['page URL over 8192 chars', { type: 'pageSignals', signals: { ...signals, url: `https://n.example/${'a'.repeat(8192)}` } }],
    ['page title over 2000 chars', { type: 'pageSignals', signals: { ...signals, title: 't'.repeat(2001) } }],
    ['description over 5000 chars', { type: 'pageSignals', signals: { ...signals, description: 'd'.repeat(5001) } }],
    ['a 1 MB canonical link', { type: 'pageSignals', signals: { ...signals, canonical: 'x'.repeat(1 << 20) } }],
  ])('rejects a %s', (_name, raw) => {
    expect(Message.safeParse(raw).success).toBe(false);
  });

  it('accepts strings exactly at their caps', () => {
    expect(Message.safeParse({ type: 'search', query: 'q'.repeat(500) }).success).toBe(true);
    expect(Message.safeParse({ type: 'pageSignals', signals: { ...signals, title: 't'.repeat(2000) } }).success).toBe(true);
  });

  it.each([
    ['a fractional tab id', { type: 'panel', tabId: 1.5 }],
    ['a string tab id', { type: 'panel', tabId: '1' }],
    ['isArticle as a string', { type: 'pageSignals', signals: { ...signals, isArticle: 'true' } }],
    ['signals missing the url', { type: 'pageSignals', signals: { isArticle: true, title: 'x' } }],
    ['more than 500 links in one scan', { type: 'linkScores', links: Array.from({ length: 501 }, (_, i) => `https://n.example/${i}`) }],
    ['a link over 4096 chars', { type: 'linkScores', links: [`https://n.example/${'a'.repeat(4096)}`] }],
    ['links that are not strings', { type: 'linkScores', links: [{ href: 'https://n.example/' }] }],
    ['a chip switch without its state', { type: 'setSiteChips' }],
    ['a chip switch state as a string', { type: 'setSiteChips', on: 'true' }],
    ['a chip switch naming its site', { type: 'setSiteChips', on: true, host: 'evil.example' }],
    ['a negative tab id for the chip switch', { type: 'siteChips', tabId: -1 }],
  ])('rejects %s', (_name, raw) => {
    expect(Message.safeParse(raw).success).toBe(false);
  });

  it('types follow the schema', () => {
    expectTypeOf<MessageType>().toEqualTypeOf<
      | 'panel'
      | 'pageSignals'
      | 'search'
      | 'syncNow'
      | 'status'
      | 'testFeed'
      | 'exportData'
      | 'clearData'
      | 'dataSummary'
      | 'hideOnThisSite'
      | 'snoozeSidebar'
      | 'sidebarRetry'
      | 'linkScores'
      | 'siteChips'
      | 'setSiteChips'
    >();
  });
});

describe('isAllowedSender', () => {
  it.each(all)('our extension pages in a tab (the sidebar frame) may send $type', (message) => {
    expect(isAllowedSender(message, sidebarFrame, ID, ORIGIN)).toBe(true);
  });

  it.each(all.filter((m) => !TAB_FRAME_TYPES.includes(m.type)))('our extension pages outside tabs may send $type', (message) => {
    expect(isAllowedSender(message, extensionPage, ID, ORIGIN)).toBe(true);
  });

  it('the chip switch: pages name any tab, the sidebar frame only its own', () => {
    expect(isAllowedSender({ type: 'setSiteChips', tabId: 3, on: true }, extensionPage, ID, ORIGIN)).toBe(true);
    expect(isAllowedSender({ type: 'setSiteChips', tabId: 7, on: true }, sidebarFrame, ID, ORIGIN)).toBe(true);
    expect(isAllowedSender({ type: 'setSiteChips', tabId: 3, on: true }, sidebarFrame, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender({ type: 'siteChips', tabId: 3 }, sidebarFrame, ID, ORIGIN)).toBe(false);
    // A content script may neither read nor set it: the page would pick its own chips.
    expect(isAllowedSender({ type: 'setSiteChips', on: true }, contentScript, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender({ type: 'siteChips' }, contentScript, ID, ORIGIN)).toBe(false);
  });

  it('an extension page opened in a tab is still an extension page', () => {
    expect(isAllowedSender(examples.clearData, { ...extensionPage, tab: { id: 9 }, frameId: 0 }, ID, ORIGIN)).toBe(true);
  });

  it.each(all)('another extension may not send $type, even claiming our origin', (message) => {
    expect(isAllowedSender(message, { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender(message, { ...contentScript, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }, ID, ORIGIN)).toBe(false);
  });

  it.each(all)('a sender without an id (a web page) may not send $type', (message) => {
    expect(isAllowedSender(message, { url: 'https://evil.example/', tab: { id: 7 }, frameId: 0 }, ID, ORIGIN)).toBe(false);
  });

  it('our content scripts may send only pageSignals and linkScores (the chips); search, Retry and settings go from the sidebar frame', () => {
    const allowed = all.filter((message) => isAllowedSender(message, contentScript, ID, ORIGIN)).map((m) => m.type);
    expect(allowed.sort()).toEqual(['linkScores', 'pageSignals']);
    expect([...CONTENT_SCRIPT_MESSAGES].sort()).toEqual(allowed.sort());
  });

  it('the content scripts send only what the allow-list lets through, and no more is allowed than they send', () => {
    const sent = new Set<string>();
    for (const file of CONTENT_SCRIPT_SOURCES) {
      const path = join(ROOT, file);
      if (!existsSync(path)) continue;
      // Every message literal a content script builds: `{ type: '…'` (the messages it parses are not sent).
      for (const match of readFileSync(path, 'utf8').matchAll(/sendMessage\(\s*\{\s*type:\s*'(\w+)'/g)) sent.add(match[1]!);
    }
    expect(sent.size, 'no content-script source found').toBeGreaterThan(0);
    expect([...sent].filter((type) => !CONTENT_SCRIPT_MESSAGES.has(type as MessageType))).toEqual([]);
    expect([...CONTENT_SCRIPT_MESSAGES].filter((type) => !sent.has(type)).sort()).toEqual([]);
  });

  it('our content script cannot ask for a panel, not even its own tab\'s or another tab\'s', () => {
    expect(isAllowedSender({ type: 'panel', tabId: 8 }, contentScript, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender({ type: 'panel', tabId: 7 }, contentScript, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender({ type: 'panel' }, contentScript, ID, ORIGIN)).toBe(false);
  });

  it('a content script in a subframe is refused', () => {
    expect(isAllowedSender(examples.pageSignals, { ...contentScript, frameId: 3 }, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender(examples.search, { ...contentScript, frameId: 3 }, ID, ORIGIN)).toBe(false);
  });

  it('a content-script sender without a real tab is refused', () => {
    expect(isAllowedSender(examples.pageSignals, { id: ID, url: 'https://news.example/a', frameId: 0 }, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender(examples.pageSignals, { ...contentScript, tab: { id: -1 } }, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender(examples.pageSignals, { ...contentScript, tab: {} }, ID, ORIGIN)).toBe(false);
  });

  it('a page whose URL merely contains our origin is not an extension page', () => {
    const lookalike: SenderInfo = { ...contentScript, url: `https://evil.example/?${ORIGIN}` };
    expect(isAllowedSender(examples.exportData, lookalike, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender(examples.exportData, { ...contentScript, url: `https://${ID}.evil.example/` }, ID, ORIGIN)).toBe(false);
  });
});

describe('ContentScriptMessage (background → content script)', () => {
  it('accepts toggleSidebar', () => {
    expect(ContentScriptMessage.safeParse({ type: 'toggleSidebar' }).success).toBe(true);
  });

  it.each([
    ['a background message', { type: 'status' }],
    ['an extra field', { type: 'toggleSidebar', open: true }],
    ['no type', {}],
  ])('rejects %s', (_name, raw) => {
    expect(ContentScriptMessage.safeParse(raw).success).toBe(false);
  });
});
