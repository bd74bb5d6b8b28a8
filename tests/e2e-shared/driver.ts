/**
 * The one driver interface the e2e specs that behave the same in Chromium and Firefox are written
 * against: tests/e2e/support/extension.ts implements it over playwright-core (Chromium, CDP),
 * tests/e2e-firefox/support/firefox.ts over puppeteer-core (Firefox, WebDriver BiDi). Everything that
 * talks to the extension like its own pages do (send, badge, tab ids, waiting for a sync) is written
 * once here on top of one primitive, evaluating in an extension page.
 */
import { afterAll, beforeAll } from 'vitest';
import type { TestServer } from '../e2e/support/server';

export type BrowserName = 'chromium' | 'firefox';
export type Viewport = { width: number; height: number };

/** A document the specs read and operate by CSS selector: a page, or a frame in one. */
export interface LensFrame {
  /** The element's text, or null when there is no such element. */
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** Resolved `href`s of the links matching `selector`, in document order, without repeats. */
  hrefs(selector: string): Promise<string[]>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** A pointer click, as a user's. */
  click(selector: string): Promise<void>;
  /** Clears the field and types `value` into it. */
  fill(selector: string, value: string): Promise<void>;
  /** Runs `fn(arg)` in the document (serialised: it sees only its argument and the document's globals). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

export interface LensPage<Native = unknown> extends LensFrame {
  /** The browser library's own page, for browser-specific specs. */
  readonly native: Native;
  url(): string;
  /** The in-page sidebar's framed extension page, once its toggle has rendered. */
  sidebarFrame(timeoutMs?: number): Promise<LensFrame>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LensDriver<Native = unknown> {
  readonly browserName: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly origin: string;
  /** Opens `url` in a new tab (the server must answer 200 or 304); returns the page and its tab id. */
  open(url: string): Promise<{ page: LensPage<Native>; tabId: number }>;
  /** Opens an extension page (e.g. `popup.html?tabId=3`) in a new tab once it has loaded. */
  openExtensionPage(path: string, viewport?: Viewport): Promise<LensPage<Native>>;
  /** Runs `fn(arg)` in an extension page kept open for it (extension APIs as its own pages see them). */
  evaluateInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Runs `fn(background, arg)` against the background's global object: Chromium's service worker, or
   * Firefox's event page (reached through `runtime.getBackgroundPage()`). `fn` is serialised.
   */
  evaluateInBackground<R, A = undefined>(fn: (background: any, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Sends a runtime message as an extension page would, returning the unwrapped reply. */
  send<T = any>(message: unknown): Promise<T>;
  /** Badge text for a tab. */
  badge(tabId: number): Promise<string>;
  /** Id of the tab showing `url`. */
  tabIdOfUrl(url: string): Promise<number>;
  /** Waits until a sync has finished with at least `minArticles` stored; returns the status report. */
  waitForSync(minArticles?: number, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

/** The parts of a driver written once: what an extension page can ask through `evaluate`. */
export type ExtensionHelpers = Pick<LensDriver, 'send' | 'badge' | 'tabIdOfUrl' | 'waitForSync'>;

/** The extension API namespace inside a serialised function (Firefox has `browser`, Chromium `chrome`). */
declare const browser: any;
declare const chrome: any;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** send, badge, tab ids and waiting for a sync, over `evaluate` in an extension page. */
export function extensionHelpers(evaluate: LensDriver['evaluateInExtension']): ExtensionHelpers {
  const send = async <T>(message: unknown): Promise<T> => {
    const envelope = await evaluate((m) => (typeof browser === 'object' ? browser : chrome).runtime.sendMessage(m), message);
    if (!envelope) throw new Error(`no answer to ${JSON.stringify(message)}`);
    if (!envelope.ok) throw new Error(envelope.error);
    return envelope.value as T;
  };
  return {
    send,
    badge: (tabId) => evaluate((id) => (typeof browser === 'object' ? browser : chrome).action.getBadgeText({ tabId: id }), tabId),
    async tabIdOfUrl(url) {
      const tabs: { id?: number; url?: string }[] = await evaluate(() => (typeof browser === 'object' ? browser : chrome).tabs.query({}));
      const tab = tabs.find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`no tab for ${url}: ${tabs.map((t) => t.url).join(', ')}`);
      return tab.id;
    },
    async waitForSync(minArticles = 1, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: any;
      while (Date.now() < deadline) {
        last = await send<any>({ type: 'status' }).catch((e) => ({ error: String(e) }));
        if (last?.summary && last.summary.state !== 'syncing' && last.summary.articleCount >= minArticles) return last;
        await sleep(250);
      }
      throw new Error(`sync did not finish: ${JSON.stringify(last)?.slice(0, 2000)}`);
    },
  };
}

/**
 * The reading half of a LensFrame, written once over `evaluate` (the same DOM calls in both browsers);
 * waiting, clicking and typing stay with each browser library.
 */
export function domReaders(evaluate: LensFrame['evaluate']): Pick<LensFrame, 'text' | 'count' | 'attribute' | 'hrefs'> {
  return {
    text: (selector) => evaluate((s) => document.querySelector(s)?.textContent ?? null, selector),
    count: (selector) => evaluate((s) => document.querySelectorAll(s).length, selector),
    attribute: (selector, name) => evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const),
    hrefs: (selector) => evaluate((s) => [...new Set([...document.querySelectorAll(s)].map((a) => (a as HTMLAnchorElement).href).filter(Boolean))], selector),
  };
}

/** Polls `read` until `accept` holds; throws with the last value (or error) after `timeoutMs`. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (e) {
      error = e;
    }
    await sleep(150);
  }
  throw new Error(`${what} not reached: last ${JSON.stringify(last)?.slice(0, 500)}${error ? ` (${String(error)})` : ''}`);
}

/** What a shared spec works with: the browser under test and the local web. */
export interface Session<Native = unknown> {
  lens: LensDriver<Native>;
  server: TestServer;
}

/**
 * The set-up every suite shares: the local news/feed server, the browser with the built extension, and
 * the install sync finished (at least `minArticles` stored), torn down after the file's tests. Returns
 * the session, ready once the file's beforeAll has run.
 */
export function useSyncedSession<L extends LensDriver<any>>(
  launch: () => Promise<L>,
  startServer: () => Promise<TestServer>,
  minArticles = 150,
): { readonly lens: L; readonly server: TestServer } {
  let server: TestServer | undefined;
  let lens: L | undefined;
  beforeAll(async () => {
    server = await startServer();
    lens = await launch();
    await lens.waitForSync(minArticles);
  });
  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is not ready: use it inside a test`);
    return value;
  };
  return {
    get lens() {
      return ready(lens, 'browser');
    },
    get server() {
      return ready(server, 'server');
    },
  };
}
