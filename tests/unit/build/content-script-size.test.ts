/**
 * Size budget of the content script every http(s) page loads: reads the run's shared production
 * build (./test-build.ts). The UI is the framed extension page (sidebar-frame.html).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBuild } from './test-build';
import { SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** What every http(s) page pays for, gzip-compressed. */
const CONTENT_SCRIPT_BUDGET_BYTES = 6 * 1024; // ~2.5 kB today: the UI lives in the frame
/** Strings zod keeps through minification (error class names); none may reach the base script. */
const ZOD_MARKERS = ['$ZodType', 'ZodError'];
/** Strings only the panel UI has (class names, a testid): none may reach the base script. */
const UI_MARKERS = ['hal-sidebar-panel', 'related-list'];

let packageDir: string;
let manifest: Record<string, any>;

const read = (file: string) => readFileSync(join(packageDir, file), 'utf8');
/** The frame page's scripts (entry and chunks it loads), concatenated. */
function frameScripts(): string {
  const html = read('sidebar-frame.html');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/src="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  let text = '';
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = read(file);
    text += source;
    for (const m of source.matchAll(/from\s*["']\.{1,2}\/([^"']+\.js)["']|import\(["']\.{1,2}\/([^"']+\.js)["']\)/g)) queue.push(`chunks/${(m[1] ?? m[2])!.replace(/^chunks\//, '')}`);
  }
  return text;
}

beforeAll(async () => {
  packageDir = await testBuild();
  manifest = JSON.parse(read('manifest.json'));
}, 360_000);

describe('the content script on every http(s) page', () => {
  it('is the sidebar base script only (the link-chip script runs on search result pages alone)', () => {
    const everyPage = manifest.content_scripts.filter((script: any) => script.matches.includes('https://*/*'));
    expect(everyPage.flatMap((script: any) => script.js ?? [])).toEqual(['content-scripts/sidebar.js']);
    expect(manifest.content_scripts.flatMap((script: any) => script.css ?? [])).toEqual([]);
    const chips = manifest.content_scripts.find((script: any) => script.js?.includes('content-scripts/link-chips.js'));
    expect([...chips.matches].sort()).toEqual([...SEARCH_RESULT_PAGE_MATCHES].sort());
  });

  it(`the link-chip script is at most ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} kB gzip too, without zod`, () => {
    const chips = read('content-scripts/link-chips.js');
    expect(gzipSync(chips).length).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
    for (const marker of ZOD_MARKERS) expect(chips, `zod (${marker}) in the link-chip script`).not.toContain(marker);
  });

  it(`is at most ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} kB gzip`, () => {
    const gzipped = gzipSync(readFileSync(join(packageDir, 'content-scripts', 'sidebar.js'))).length;
    expect(gzipped).toBeGreaterThan(0);
    expect(gzipped, 'move code into the sidebar frame (entrypoints/sidebar-frame/)').toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
  });

  it('bundles neither zod nor Preact nor the panel (the UI is the framed extension page)', () => {
    const base = read('content-scripts/sidebar.js');
    for (const marker of ZOD_MARKERS) expect(base, `zod (${marker}) in the base content script`).not.toContain(marker);
    for (const marker of UI_MARKERS) expect(base, `panel UI (${marker}) in the base content script`).not.toContain(marker);
    // Control: the markers are real, the frame page's scripts have them.
    const frame = frameScripts();
    for (const marker of [...ZOD_MARKERS, ...UI_MARKERS]) expect(frame).toContain(marker);
  });

  it('attaches a closed shadow root and talks to the frame over a MessageChannel, never a window listener', () => {
    const base = read('content-scripts/sidebar.js');
    expect(base).toMatch(/attachShadow\(\{\s*mode:\s*["']closed["']\s*\}\)/);
    expect(base).not.toMatch(/mode:\s*["']open["']/);
    expect(base).toContain('MessageChannel');
    expect(base).not.toMatch(/addEventListener\(\s*["']message["']/);
  });
});

describe('the sidebar frame', () => {
  it('is the only web-accessible resource, for http(s) pages, behind a dynamic URL', () => {
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['sidebar-frame.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ]);
    expect(existsSync(join(packageDir, 'sidebar-frame.html'))).toBe(true);
    expect(existsSync(join(packageDir, 'sidebar-ui.js'))).toBe(false); // no injected UI bundle any more
  });
});
