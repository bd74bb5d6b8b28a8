/**
 * Size budget of the content script every http(s) page loads (≤ 15 kB gzip): reads the run's shared
 * production build (./test-build.ts). The UI is a separate bundle the background injects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBuild } from './test-build';
import { SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** What every http(s) page pays for, gzip-compressed. */
const CONTENT_SCRIPT_BUDGET_BYTES = 15 * 1024;
/** Strings zod keeps through minification (error class names); none may reach the base script. */
const ZOD_MARKERS = ['$ZodType', 'ZodError'];

let packageDir: string;
let manifest: Record<string, any>;

const read = (file: string) => readFileSync(join(packageDir, file), 'utf8');

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
    expect(gzipped, 'move code into the injected UI (entrypoints/sidebar-ui/)').toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
  });

  it('bundles neither zod nor the UI (types only from zod-using modules)', () => {
    const base = read('content-scripts/sidebar.js');
    for (const marker of ZOD_MARKERS) expect(base, `zod (${marker}) in the base content script`).not.toContain(marker);
    expect(base).not.toContain('health-ai-lens'); // the shadow-root host name lives in the UI bundle
    // Control: the markers are real, the UI bundle has them.
    const ui = read('sidebar-ui.js');
    for (const marker of ZOD_MARKERS) expect(ui).toContain(marker);
    expect(ui).toContain('health-ai-lens');
  });
});

describe('the sidebar UI bundle', () => {
  it('is a standalone script for scripting.executeScript (no module syntax, no chunks to load)', () => {
    const ui = read('sidebar-ui.js');
    expect(ui).not.toMatch(/^\s*(import|export)\b/m);
    expect(ui).not.toMatch(/\bimport\s*\(/);
    expect(ui).not.toContain('chunks/');
  });

  it('carries its stylesheet inline, so nothing is web-accessible (a page could detect the extension)', () => {
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(existsSync(join(packageDir, 'content-scripts', 'sidebar.css'))).toBe(false);
    expect(read('sidebar-ui.js')).toMatch(/:host\s*\{\s*position:\s*fixed\s*!important/);
  });

  it('may be injected: the scripting permission is declared', () => {
    expect(manifest.permissions).toContain('scripting');
  });
});
