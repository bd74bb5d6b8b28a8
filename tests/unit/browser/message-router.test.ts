/**
 * Tests for lib/browser/message-router.ts on WXT's fake browser: every message is parsed and its
 * sender checked before a handler runs; replies and errors travel in an envelope.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToMessages, type MessageHandlers } from '../../../lib/browser/message-router';
import type { Envelope, StatusReport } from '../../../lib/app/messages';

const REPORT: StatusReport = { summary: { state: 'never', articleCount: 0, errors: [], offline: false }, feeds: [] };

function handlers(): MessageHandlers {
  const fail = () => Promise.reject(new Error('not in this test'));
  return {
    panel: fail,
    pageSignals: vi.fn(async () => null),
    search: vi.fn(async () => []),
    syncNow: fail,
    status: vi.fn(async () => REPORT),
    testFeed: fail,
    exportData: fail,
    clearData: vi.fn(async () => {
      throw new Error('storage is full');
    }),
    dataSummary: fail,
    linkScores: fail,
    hideOnThisSite: fail,
    snoozeSidebar: fail,
    sidebarRetry: fail,
    siteChips: fail,
    setSiteChips: fail,
  };
}

const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const contentScript = () => ({ id: fakeBrowser.runtime.id, url: 'https://news.example/a', tab: { id: 7 } as never, frameId: 0 });

/** Delivers `raw` as the browser would; resolves with whether the router answers, and its answer. */
async function deliver(raw: unknown, sender: object): Promise<{ answers: boolean; reply?: Envelope<unknown> }> {
  let reply: Envelope<unknown> | undefined;
  let replied!: () => void;
  const done = new Promise<void>((resolve) => (replied = resolve));
  // The fake's typing omits `sendResponse`, which it passes through to the listener like the browser does.
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (...args: unknown[]) => Promise<unknown[]>;
  const [answers] = await trigger(raw, sender, (response: Envelope<unknown>) => {
    reply = response;
    replied();
  });
  if (answers === true) await done;
  return { answers: answers === true, reply };
}

describe('the background message router', () => {
  it('answers a valid message from an extension page with its handler\'s reply', async () => {
    const h = handlers();
    listenToMessages(h);
    expect(await deliver({ type: 'status' }, extensionPage())).toEqual({ answers: true, reply: { ok: true, value: REPORT } });
    expect(h.status).toHaveBeenCalledOnce();
  });

  it('turns a handler failure into an error envelope (logged, not thrown)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    listenToMessages(handlers());
    expect((await deliver({ type: 'clearData' }, extensionPage())).reply).toEqual({ ok: false, error: 'storage is full' });
  });

  it('does not answer what is not ours: malformed, unknown or with extra fields', async () => {
    const h = handlers();
    listenToMessages(h);
    for (const raw of [{ type: 'deleteEverything' }, { type: 'status', extra: 1 }, 'status', null]) {
      expect(await deliver(raw, extensionPage())).toEqual({ answers: false, reply: undefined });
    }
    expect(h.status).not.toHaveBeenCalled();
  });

  it('lets a content script send only what the allow-list permits', async () => {
    const h = handlers();
    listenToMessages(h);
    expect((await deliver({ type: 'pageSignals', signals: { url: 'https://news.example/a', isArticle: false, title: 'A page' } }, contentScript())).reply).toEqual({ ok: true, value: null });
    expect((await deliver({ type: 'search', query: 'sepsis' }, contentScript())).answers).toBe(false);
    expect((await deliver({ type: 'clearData' }, contentScript())).answers).toBe(false);
    expect((await deliver({ type: 'syncNow' }, contentScript())).answers).toBe(false);
    expect(h.clearData).not.toHaveBeenCalled();
    expect(h.search).not.toHaveBeenCalled();
  });

  it('refuses another extension', async () => {
    const h = handlers();
    listenToMessages(h);
    expect((await deliver({ type: 'status' }, { ...extensionPage(), id: 'another-extension' })).answers).toBe(false);
    expect(h.status).not.toHaveBeenCalled();
  });
});
