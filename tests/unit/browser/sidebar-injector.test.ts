/** Tests for lib/browser/sidebar-injector.ts on WXT's fake browser: probe first, inject once, into the asking document. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectSidebarUi, SIDEBAR_UI_FILE } from '../../../lib/browser/sidebar-injector';
import { SIDEBAR_BRIDGE_KEY } from '../../../lib/browser/sidebar-bridge';

type Injection = { target: unknown; func?: (key: string) => boolean; args?: string[]; files?: string[] };

/** A page world in which injected functions run for real; `files` injections are recorded. */
function pageWorld(loaded: boolean) {
  const files: string[][] = [];
  const targets: unknown[] = [];
  const spy = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: Injection) => {
    targets.push(injection.target);
    if (injection.files) {
      files.push(injection.files);
      return [];
    }
    const world = { [SIDEBAR_BRIDGE_KEY]: loaded ? { view: Promise.resolve({}) } : {} } as Record<string, unknown>;
    const saved = (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY];
    (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY] = world[SIDEBAR_BRIDGE_KEY];
    try {
      return [{ frameId: 0, result: injection.func!(...(injection.args as [string])) }];
    } finally {
      (globalThis as Record<string, unknown>)[SIDEBAR_BRIDGE_KEY] = saved;
    }
  }) as never);
  return { files, targets, spy };
}

describe('injectSidebarUi', () => {
  it('injects the UI bundle into a document that does not have it yet', async () => {
    const world = pageWorld(false);
    await injectSidebarUi({ tabId: 4, documentId: 'doc-1', frameId: 0 });
    expect(world.files).toEqual([[SIDEBAR_UI_FILE]]);
    expect(world.targets).toEqual([{ tabId: 4, documentIds: ['doc-1'] }, { tabId: 4, documentIds: ['doc-1'] }]);
  });

  it('does nothing more when the probe finds the UI already started', async () => {
    const world = pageWorld(true);
    await injectSidebarUi({ tabId: 4, documentId: 'doc-1' });
    expect(world.spy).toHaveBeenCalledTimes(1);
    expect(world.files).toEqual([]);
  });

  it('targets the frame when the browser gives no document id', async () => {
    const world = pageWorld(false);
    await injectSidebarUi({ tabId: 9 });
    expect(world.targets[0]).toEqual({ tabId: 9, frameIds: [0] });
  });

  it('lets a failure reach the caller (a tab that navigated away)', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('No document with id doc-1'));
    await expect(injectSidebarUi({ tabId: 4, documentId: 'doc-1' })).rejects.toThrow('No document');
  });
});
