/**
 * Launches Debian Chromium with the bench build of the extension (flags as tests/e2e/support/extension.ts, plus a
 * DevTools port so the service worker's heap can be read over CDP). Node only; bench/run.ts uses it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_PATH, launchChromiumWithExtension } from '../scripts/chromium';

export const CHROMIUM = CHROMIUM_PATH;

// Extension APIs as seen inside `page.evaluate` callbacks.
declare const chrome: any;

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  /** popup.html?tabId=0 (or the given page) kept open to call extension APIs from (its own panel request fails fast: no tab 0). */
  helper: Page;
  send<T = any>(message: unknown): Promise<T>;
  stopServiceWorker(): Promise<void>;
  /** `Runtime.getHeapUsage` of the extension's service worker after a forced GC, in bytes. */
  /** V8 heap in use after a GC; `backingStorageSize` (ArrayBuffer memory outside the V8 heap, e.g. typed arrays) where Chromium reports it. */
  serviceWorkerHeap(): Promise<{ usedSize: number; totalSize: number; backingStorageSize?: number }>;
  close(): Promise<void>;
}

/**
 * @param extensionDir unpacked build
 * @param port local server port every host maps to
 * @param debugPort DevTools port (for the service worker's heap)
 * @param helperPath the extension page `helper` opens (the control extension has its own)
 */
export async function launchBench(extensionDir: string, port: number, debugPort: number, helperPath = 'popup.html?tabId=0'): Promise<BenchBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'lens-bench-'));
  const { context, extensionId } = await launchChromiumWithExtension({
    extensionDir,
    port,
    profileDir,
    args: [`--remote-debugging-port=${debugPort}`],
  });
  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/${helperPath}`);

  const send = async <T>(message: unknown): Promise<T> => {
    const envelope = await helper.evaluate((m) => chrome.runtime.sendMessage(m), message as any);
    if (!envelope) throw new Error(`no answer to ${JSON.stringify(message)}`);
    if (!envelope.ok) throw new Error(envelope.error);
    return envelope.value as T;
  };

  return {
    context,
    extensionId,
    helper,
    send,
    async stopServiceWorker() {
      const cdp = await context.newCDPSession(helper);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach().catch(() => {});
    },
    async serviceWorkerHeap() {
      const targets = (await (await fetch(`http://127.0.0.1:${debugPort}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl: string }[];
      const target = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
      if (!target) throw new Error(`no service worker target: ${targets.map((t) => `${t.type} ${t.url}`).join(', ')}`);
      return cdpCall(target.webSocketDebuggerUrl, [
        { method: 'HeapProfiler.collectGarbage' },
        { method: 'Runtime.getHeapUsage' },
      ]) as Promise<{ usedSize: number; totalSize: number; backingStorageSize?: number }>;
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Sends CDP commands in order over a fresh WebSocket; resolves with the last result. */
function cdpCall(url: string, commands: { method: string; params?: unknown }[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let id = 0;
    const next = () => {
      const command = commands[id];
      socket.send(JSON.stringify({ id: ++id, method: command!.method, params: command!.params ?? {} }));
    };
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('CDP call timed out'));
    }, 30_000);
    socket.on('open', next);
    socket.on('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== id) return;
      if (message.error) {
        clearTimeout(timer);
        socket.close();
        return reject(new Error(message.error.message));
      }
      if (id < commands.length) return next();
      clearTimeout(timer);
      socket.close();
      resolve(message.result);
    });
  });
}
