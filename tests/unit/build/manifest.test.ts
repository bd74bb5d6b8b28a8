/**
 * Tests for the built Chrome manifest and package: exactly the justified permissions, no way in from web pages or other
 * extensions, no unsafe CSP, no eval or remote code. Reads the run's shared production build (./test-build.ts).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBuild } from './test-build';
import { SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
let PACKAGE_DIR: string;
/** The built-in default feed's origin (no WXT_DEFAULT_FEEDS in this build). */
const DEFAULT_FEED_ORIGIN = 'https://everyday-cc.github.io/*';

/**
 * Each API permission the product may ask for, with the evidence in the build that it is used (the README's permission
 * table gives the reasons in words). A permission not listed here, or listed but unused, fails the test.
 */
const JUSTIFIED_PERMISSIONS: Record<string, { why: string; used: (manifest: Record<string, any>, background: string) => boolean }> = {
  storage: { why: 'settings and per-tab matches', used: (_m, bg) => /\.storage[.[]/.test(bg) },
  alarms: { why: 'periodic sync and the resume watchdog', used: (_m, bg) => bg.includes('alarms.create') },
  sidePanel: { why: 'the optional side panel', used: (m) => Boolean(m.side_panel?.default_path) },
  scripting: { why: 'score chips on every site, registered only while the user turns them on', used: (_m, bg) => bg.includes('registerContentScripts') },
};
/** http(s) pages: the sidebar content script runs there and the badge reads the tab's URL; plus the default feed. */
const JUSTIFIED_HOSTS = new Set(['http://*/*', 'https://*/*', DEFAULT_FEED_ORIGIN]);

interface CheckPackage {
  scanPackage(dir: string): { files: number; problems: string[] };
  scanSource(root: string): string[];
  manifestProblems(manifest: Record<string, unknown>): string[];
  cspProblems(manifest: Record<string, unknown>): string[];
}

let manifest: Record<string, any>;
let checkPackage: CheckPackage;

beforeAll(async () => {
  // The production build with the built-in default feed (no WXT_DEFAULT_FEEDS): what ships.
  PACKAGE_DIR = await testBuild();
  manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'manifest.json'), 'utf8'));
  // A plain .mjs script: imported by path so the type checker does not need declarations for it.
  checkPackage = (await import(join(ROOT, 'scripts', 'check-package.mjs') as string)) as CheckPackage;
}, 360_000);

describe('built manifest', () => {
  it("names itself in the browser's language: every text the browser shows is a message every locale has", () => {
    const texts = [manifest.name, manifest.description, manifest.action?.default_title, ...Object.values(manifest.commands ?? {}).map((command: any) => command.description)];
    expect(texts.every((text) => typeof text === 'string' && /^__MSG_\w+__$/.test(text)), JSON.stringify(texts)).toBe(true);
    expect(manifest.default_locale).toBe('en');
    const locales = readdirSync(join(PACKAGE_DIR, '_locales'));
    expect(locales).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es']));
    for (const locale of locales) {
      const messages = JSON.parse(readFileSync(join(PACKAGE_DIR, '_locales', locale, 'messages.json'), 'utf8'));
      for (const text of texts) expect(messages[text.slice('__MSG_'.length, -2)]?.message, `${locale}: ${text}`).toBeTruthy();
    }
  });

  it('asks only for justified API permissions, each one used by the build, none optional', () => {
    const background = readFileSync(join(PACKAGE_DIR, manifest.background.service_worker), 'utf8');
    for (const permission of manifest.permissions as string[]) {
      const justified = JUSTIFIED_PERMISSIONS[permission];
      expect(justified, `${permission} has no justification: add it to JUSTIFIED_PERMISSIONS and the README, or drop it`).toBeDefined();
      expect(justified!.used(manifest, background), `${permission} (${justified!.why}) is not used by the build`).toBe(true);
    }
    expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'alarms']));
    expect(new Set(manifest.permissions).size).toBe(manifest.permissions.length);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('uses sidePanel only because it ships a side panel', () => {
    expect(manifest.side_panel?.default_path).toBeTruthy();
    expect(existsSync(join(PACKAGE_DIR, manifest.side_panel.default_path))).toBe(true);
  });

  it('asks for hosts only for pages (sidebar, badge) and the default feed', () => {
    const hosts: string[] = [...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])];
    expect(hosts.filter((host) => !JUSTIFIED_HOSTS.has(host))).toEqual([]);
    expect(manifest.host_permissions).toContain(DEFAULT_FEED_ORIGIN);
    expect(hosts).not.toContain('<all_urls>');
  });

  it('cannot be reached from web pages or other extensions', () => {
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('exposes no web-accessible resource beyond the sidebar frame (or stylesheet), and that under a per-session URL', () => {
    const resources = (manifest.web_accessible_resources ?? []).flatMap((entry: any) => entry.resources);
    for (const resource of resources) expect(resource).toMatch(/^(content-scripts\/[\w-]+\.css|sidebar-frame\.html)$/);
    for (const entry of manifest.web_accessible_resources ?? []) {
      expect(entry.use_dynamic_url, 'a fixed URL would let any page detect the extension').toBe(true);
      for (const match of entry.matches) expect(['http://*/*', 'https://*/*']).toContain(match);
      expect(entry.extension_ids ?? []).toEqual([]);
    }
  });

  it('has no CSP that loosens the MV3 default (no unsafe-eval, unsafe-inline or remote script)', () => {
    expect(checkPackage.cspProblems(manifest)).toEqual([]);
    const policy = manifest.content_security_policy?.extension_pages ?? '';
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('runs its content script on http(s) top frames only, in the isolated world', () => {
    expect(manifest.content_scripts.length).toBeGreaterThan(0);
    for (const script of manifest.content_scripts) {
      // Every http(s) page (sidebar), or search result pages only (link chips).
      const allowed = script.js?.includes('content-scripts/link-chips.js') ? SEARCH_RESULT_PAGE_MATCHES : ['http://*/*', 'https://*/*'];
      for (const match of script.matches) expect(allowed).toContain(match);
      expect(script.all_frames ?? false).toBe(false);
      expect(script.match_about_blank ?? false).toBe(false);
      expect(script.match_origin_as_fallback ?? false).toBe(false);
      expect(script.world ?? 'ISOLATED').toBe('ISOLATED');
      for (const file of script.js ?? []) expect(existsSync(join(PACKAGE_DIR, file)), file).toBe(true);
    }
  });

  it('has nothing that would load or run code from elsewhere', () => {
    expect(manifest.background.service_worker).toBe('background.js');
    expect(manifest.update_url).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
    expect(manifest.chrome_url_overrides).toBeUndefined();
  });

  it('ships the production JSX build: no source paths of the machine that built it', () => {
    const leaks = readdirSync(PACKAGE_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && readFileSync(join(PACKAGE_DIR, file), 'utf8').includes(ROOT))
      .sort();
    expect(leaks).toEqual([]);
  });
});

describe('package scan (scripts/check-package.mjs)', () => {
  it('finds no eval, remote code, analytics or unsafe CSP in the built package', () => {
    const { files, problems } = checkPackage.scanPackage(PACKAGE_DIR);
    expect(files).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it('finds no HTML sink or string evaluation in our source', () => {
    expect(checkPackage.scanSource(ROOT)).toEqual([]);
  });

  it('catches each kind of problem it looks for (control)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-scan-'));
    try {
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
        externally_connectable: { matches: ['https://*/*'] },
        content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval' https://cdn.example; object-src 'self'" },
        web_accessible_resources: [{ resources: ['popup.html'], matches: ['<all_urls>'] }],
      }));
      writeFileSync(join(dir, 'a.js'), 'const x = eval("1"); const f = new Function("return 1"); setTimeout("x()", 1);');
      writeFileSync(join(dir, 'b.js'), 'importScripts("https://cdn.example/lib.js"); import("https://cdn.example/m.js");');
      writeFileSync(join(dir, 'c.html'), '<script src="https://cdn.example/x.js"></script>');
      writeFileSync(join(dir, 'd.js'), 'fetch("https://www.google-analytics.com/collect")');
      writeFileSync(join(dir, 'ok.js'), 'obj.eval(1); const evaluate = () => 1; evaluate();');
      const { problems } = checkPackage.scanPackage(dir);
      for (const expected of [
        'a.js: eval(', 'a.js: new Function(', 'a.js: string timer', 'b.js: remote importScripts', 'b.js: remote import()',
        'c.html: remote <script src>', 'd.js: analytics host google-analytics.com',
      ]) expect(problems).toContain(expected);
      expect(problems.some((p) => p.startsWith('ok.js'))).toBe(false);
      expect(problems.filter((p) => p.startsWith('manifest.json')).join('\n')).toMatch(/unsafe-eval[\s\S]*cdn\.example[\s\S]*externally_connectable[\s\S]*popup\.html/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
