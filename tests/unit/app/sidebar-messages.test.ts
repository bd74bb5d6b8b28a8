/**
 * The sidebar's narrow settings and Retry messages (lib/app/messages.ts): they carry no site, no
 * free-form time and nothing to store, and only our extension page inside a tab may send them.
 */
import { describe, expect, it } from 'vitest';
import { Message, isAllowedSender, type SenderInfo } from '../../../lib/app/messages';
import { createRateLimit } from '../../../lib/app/rate-limit';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const sidebarFrame: SenderInfo = { id: ID, url: `${ORIGIN}sidebar-frame.html`, tab: { id: 7 }, frameId: 4 };
const contentScript: SenderInfo = { id: ID, url: 'https://news.example/a', tab: { id: 7 }, frameId: 0 };
const optionsPage: SenderInfo = { id: ID, url: `${ORIGIN}options.html` };

describe('sidebar settings messages', () => {
  it('"hide on this site" names no site: the background takes it from the sender tab', () => {
    expect(Message.safeParse({ type: 'hideOnThisSite' }).success).toBe(true);
    expect(Message.safeParse({ type: 'hideOnThisSite', site: 'victim.example' }).success).toBe(false);
  });

  it('snooze takes only a fixed duration, never a time', () => {
    expect(Message.safeParse({ type: 'snoozeSidebar', duration: 'day' }).success).toBe(true);
    for (const duration of ['year', 86_400_000, 8.64e15, undefined]) {
      expect(Message.safeParse({ type: 'snoozeSidebar', duration }).success, String(duration)).toBe(false);
    }
    expect(Message.safeParse({ type: 'snoozeSidebar', duration: 'day', until: 8.64e15 }).success).toBe(false);
  });

  it('only the sidebar frame (an extension page in a tab) may send them, never the page-side content script', () => {
    for (const type of ['hideOnThisSite', 'sidebarRetry'] as const) {
      expect(isAllowedSender({ type }, sidebarFrame, ID, ORIGIN), type).toBe(true);
      expect(isAllowedSender({ type }, contentScript, ID, ORIGIN), type).toBe(false);
      expect(isAllowedSender({ type }, optionsPage, ID, ORIGIN), type).toBe(false); // no tab to be about
      // Our page opened as a tab of its own is not framed in a web page's tab either.
      expect(isAllowedSender({ type }, { ...optionsPage, tab: { id: 9 }, frameId: 0 }, ID, ORIGIN), type).toBe(false);
    }
    expect(isAllowedSender({ type: 'snoozeSidebar', duration: 'day' }, sidebarFrame, ID, ORIGIN)).toBe(true);
    expect(isAllowedSender({ type: 'snoozeSidebar', duration: 'day' }, contentScript, ID, ORIGIN)).toBe(false);
  });

  it('the content script can no longer start a sync or search (its UI is the frame now)', () => {
    expect(isAllowedSender({ type: 'syncNow' }, contentScript, ID, ORIGIN)).toBe(false);
    expect(isAllowedSender({ type: 'search', query: 'x' }, contentScript, ID, ORIGIN)).toBe(false);
  });
});

describe('createRateLimit (the sidebar Retry)', () => {
  it('allows one run per interval and the next one once the interval has passed', () => {
    let now = 1_000_000;
    const allowed = createRateLimit(60_000, () => now);
    expect(allowed()).toBe(true);
    expect(allowed()).toBe(false);
    now += 59_999;
    expect(allowed()).toBe(false);
    now += 1;
    expect(allowed()).toBe(true);
    expect(allowed()).toBe(false);
  });

  it('a clock that goes back does not lock Retry out for long', () => {
    let now = 5_000_000;
    const allowed = createRateLimit(60_000, () => now);
    expect(allowed()).toBe(true);
    now -= 3_600_000; // system clock set back an hour
    expect(allowed()).toBe(true);
  });
});
