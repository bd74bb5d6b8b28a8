/**
 * The product demo behind `npm start`: builds a snapshot bundle with our CLI code, builds the
 * extension with that bundle as its default feed, serves both on loopback, and drives headless
 * Chromium through a real session: sync, visit an article, read the badge, open popup and sidebar.
 * Writes screenshots to demo-output/ and prints their paths. No network beyond 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { demoSite, step } from './demo-site';
import { CHROMIUM_PATH, launchChromiumWithExtension } from './chromium';
import { germanPopupShot } from './demo-language';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'demo-output');
const BUILD = join(ROOT, '.output', 'demo');
/** The embedded default: our own made-up demo articles. `DEMO_SOURCE=<markdown dir>` shows another set. */
const DEMO_NEWS = resolve(ROOT, process.env.DEMO_SOURCE ?? join('demo', '_news'));
/** The feed host of the demo; Chromium resolves every host to the local server. */
const FEED_HOST = 'feeds.health-ai-lens.test';
const CHROMIUM = CHROMIUM_PATH;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  step('Building the snapshot bundle with our dataset CLI code');
  const { bundle, articles, served } = demoSite(DEMO_NEWS, FEED_HOST);
  console.log(`  ${DEMO_NEWS}: accepted ${bundle.accepted}, rejected ${bundle.rejected.length}`);

  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const page = served.get(`${host}${req.url ?? '/'}`);
    if (!page) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;

  step('Building the extension (default feed: the local bundle)');
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_DEFAULT_FEEDS: `http://${FEED_HOST}/bundle/manifest.json`, WXT_OUT_DIR: BUILD },
  });
  const extensionDir = join(BUILD, 'chrome-mv3');
  console.log(`  ${extensionDir}`);

  step('Launching headless Chromium with the extension');
  const profile = join(OUT, '.profile');
  const { context, extensionId: id } = await launchChromiumWithExtension({ extensionDir, port, profileDir: profile });
  try {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/popup.html?tabId=0`);
    const send = (message: unknown) => ext.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message as any);
    const shots: string[] = [];
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    /** The popup for `tab` once `ready` shows, in the light and the dark scheme: demo-output/popup-<name>-<scheme>.png. */
    const shootPopup = async (name: string, tab: number | undefined, ready: string) => {
      await popup.emulateMedia({ colorScheme: 'light' });
      await popup.goto(`chrome-extension://${id}/popup.html${tab === undefined ? '' : `?tabId=${tab}`}`);
      const shown = await popup.locator(ready).first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
      if (!shown) console.log(`  (popup ${name}: ${ready} did not show)`);
      // The popup scrolls inside its own body: a state shown in the footer (the sync error's Retry) must be in view.
      else await popup.locator(ready).first().scrollIntoViewIfNeeded();
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        shots.push(join(OUT, `popup-${name}-${scheme}.png`));
        await popup.screenshot({ path: shots.at(-1)!, fullPage: true });
      }
      return shown;
    };

    step('First run: the popup while the first import runs');
    await shootPopup('first-run', undefined, '[data-testid="welcome"]');
    // Dismissed as a user would, so the other states show without the welcome card.
    await popup.getByRole('button', { name: 'Got it' }).click({ timeout: 5_000 }).catch(() => {});

    step('Syncing');
    let status: any;
    for (let i = 0; i < 240; i++) {
      status = (await send({ type: 'status' }))?.value;
      if (status?.summary.state !== 'syncing' && status?.summary.articleCount > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`  ${status?.summary.articleCount ?? 0} articles stored; feed errors: ${status?.summary.errors.length ?? '?'}`);

    // The best-connected scored article: the demo's sepsis pilot, or any scored one of another set.
    const seed = articles.find((a) => a.urls.web.includes('sepsis-alert-pilot/')) ??
      articles.find((a) => a.urls.web.includes('the-next-generation-of-data-driven-healthcare')) ??
      articles.find((a) => typeof a.quality === 'number') ?? articles[0]!;
    step(`Visiting an article: ${seed.urls.web.replace('https://', 'http://')}`);
    const page = await context.newPage();
    await page.goto(seed.urls.web.replace('https://', 'http://'));
    const tabs: { id: number; url?: string }[] = await ext.evaluate(() => (globalThis as any).chrome.tabs.query({}));
    const tabId = tabs.find((t) => t.url === page.url())?.id ?? tabs[tabs.length - 1]!.id;
    let badge = '';
    for (let i = 0; i < 40 && !badge; i++) {
      badge = await ext.evaluate((t) => (globalThis as any).chrome.action.getBadgeText({ tabId: t }), tabId);
      if (!badge) await new Promise((r) => setTimeout(r, 250));
    }
    const color: number[] = await ext.evaluate((t) => (globalThis as any).chrome.action.getBadgeBackgroundColor({ tabId: t }), tabId);
    const title: string = await ext.evaluate((t) => (globalThis as any).chrome.action.getTitle({ tabId: t }), tabId);
    console.log(`  badge "${badge}" — ${title}`);

    const badgePage = await context.newPage();
    await badgePage.setViewportSize({ width: 420, height: 120 });
    const icon = readFileSync(join(extensionDir, 'icon', '128.png')).toString('base64');
    const rgba = `rgba(${color.slice(0, 3).join(',')},${(color[3] ?? 255) / 255})`;
    await badgePage.setContent(
      `<body style="margin:0;font:14px system-ui;background:#dee1e6;display:flex;align-items:center;gap:16px;padding:24px">
      <div style="position:relative;width:48px;height:48px"><img src="data:image/png;base64,${icon}" width="48" height="48">
      <span style="position:absolute;right:-10px;bottom:-6px;background:${rgba};color:#fff;font:bold 13px system-ui;border-radius:6px;padding:1px 5px">${badge.replace(/[<&]/g, '')}</span></div>
      <div>Toolbar badge for the visited tab, as read back with <code>chrome.action.getBadgeText</code></div></body>`,
    );
    shots.push(join(OUT, 'badge.png'));
    await badgePage.screenshot({ path: shots.at(-1)! });

    step('Opening the popup for that tab');
    await shootPopup('matched', tabId, '[data-testid="match-title"], [data-testid="no-match"]');
    await popup.emulateMedia({ colorScheme: 'light' });
    const score = await popup.locator('[data-testid="quality-score"]').textContent().catch(() => null);
    const related = await popup.locator('[data-testid="related-list"] a[href]').count();
    console.log(`  popup: quality ${score ?? '—'}, ${related} related links`);

    step('The in-page sidebar on the article');
    await page.bringToFront();
    // The sidebar is an extension page framed under a closed shadow root: found among the page's frames.
    const frame = await waitForSidebarFrame(page, 15_000);
    const sidebarShown = frame !== undefined;
    let sidebarExpanded = false;
    if (frame) {
      const toggle = frame.getByRole('button', { name: /^Health AI Lens/ }).first();
      const panel = frame.locator('.hal-sidebar-panel');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click({ timeout: 5_000 }).catch(() => {});
      sidebarExpanded = await panel.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      // A pointer click can miss while the frame is still growing to the tab's size (its box follows
      // what it shows); a DOM click on the toggle is what a keyboard press would do.
      if (!sidebarExpanded) {
        await toggle.evaluate((el) => (el as HTMLElement).click()).catch(() => {});
        sidebarExpanded = await panel.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      }
      await frame.locator('[data-testid="match-title"], [data-testid="no-match"]').first().waitFor({ timeout: 10_000 }).catch(() => {});
    }
    console.log(`  sidebar: ${sidebarShown ? (sidebarExpanded ? 'shown and expanded' : 'shown (its panel did not open)') : 'not shown'}`);
    shots.push(join(OUT, 'sidebar.png'));
    // Headless Chromium gives the out-of-process sidebar frame no animation frames here: its opening
    // animation stays at the first keyframe (opacity 0), so it is finished by hand. And the page's first
    // capture after the frame grew still composites the frame's old, tab-sized surface: that capture
    // makes the page draw the frame's new one, the second saves it.
    await frame?.evaluate(() => document.getAnimations().forEach((animation) => animation.finish()));
    await page.screenshot();
    await page.screenshot({ path: shots.at(-1)!, animations: 'disabled' });

    step('Not in the dataset: a recipe page');
    const other = await context.newPage();
    await other.goto('http://recipes.example.org/lemon-cake').catch(() => {});
    const notMatched = await context.newPage();
    await notMatched.setViewportSize({ width: 400, height: 600 });
    const tabsAfter: { id: number; url?: string }[] = await ext.evaluate(() => (globalThis as any).chrome.tabs.query({}));
    const otherId = tabsAfter.find((t) => t.url === other.url())?.id;
    if (otherId !== undefined) {
      await notMatched.goto(`chrome-extension://${id}/popup.html?tabId=${otherId}`);
      await notMatched.close();
      await shootPopup('no-match', otherId, '[data-testid="no-match"]');
    }

    // An article A.I. Every Day lists without a score: the neutral "?".
    const unrated = articles.find((a) => typeof a.quality !== 'number');
    if (unrated) {
      step(`Unrated: ${unrated.urls.web.replace('https://', 'http://')}`);
      const unratedPage = await context.newPage();
      await unratedPage.goto(unrated.urls.web.replace('https://', 'http://')).catch(() => {});
      const all: { id: number; url?: string }[] = await ext.evaluate(() => (globalThis as any).chrome.tabs.query({}));
      const unratedId = all.find((t) => t.url === unratedPage.url())?.id;
      if (unratedId !== undefined) await shootPopup('unrated', unratedId, '[data-testid="match-title"]');
    }

    step('Sync error: a feed that cannot be read');
    await ext.evaluate(async (url) => {
      const chrome = (globalThis as any).chrome;
      const { settings } = await chrome.storage.local.get('settings');
      settings.feeds.push({ url, enabled: true, origin: 'user' });
      await chrome.storage.local.set({ settings });
    }, `http://${FEED_HOST}/missing/manifest.json`);
    await send({ type: 'syncNow' }).catch(() => {});
    for (let i = 0; i < 120; i++) {
      const summary = (await send({ type: 'status' }))?.value?.summary;
      if (summary?.state !== 'syncing' && summary?.errors.length > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await shootPopup('sync-error', tabId, '.hal-retry');

    shots.push(...(await germanPopupShot(extensionDir, port, seed.urls.web, OUT)));
    writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ articles: status?.summary.articleCount, badge, score, related, shots }, null, 2));
    console.log('\nScreenshots:');
    for (const shot of shots) console.log(`  ${shot}`);
    console.log(`\nHealth AI Lens works: badge "${badge}", popup quality ${score ?? '—'} with ${related} related links.`);
    if (!badge || !score) process.exitCode = 1;
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** The page's sidebar frame (`/sidebar-frame.html` of an extension), once it has rendered its toggle. */
async function waitForSidebarFrame(page: Page, timeoutMs: number): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/sidebar-frame.html');
    if (frame && (await frame.getByRole('button', { name: /^Health AI Lens/ }).count()) > 0) return frame;
    await page.waitForTimeout(100);
  }
  return undefined;
}
