/**
 * `npm start -- --browser firefox`: the product demo in Debian's Firefox ESR, headless. Builds a snapshot
 * bundle of our demo Markdown with our CLI code and the Firefox package with that bundle as its default
 * feed, serves both on loopback (the server is Firefox's HTTP proxy), installs the package as a temporary
 * add-on over WebDriver BiDi, then syncs, visits an article, reads the badge and screenshots the popup.
 * Writes to demo-output/firefox/. No network beyond 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { demoSite, step } from './demo-site';
import { launchFirefoxWithExtension, openFirefoxExtensionPage } from './firefox';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'demo-output', 'firefox');
const BUILD = join(ROOT, '.output', 'demo-firefox');
const DEMO_NEWS = resolve(ROOT, process.env.DEMO_SOURCE ?? join('demo', '_news'));
const FEED_HOST = 'feeds.health-ai-lens.test';

declare const browser: any;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  step('Building the snapshot bundle with our dataset CLI code');
  const { bundle, articles, served } = demoSite(DEMO_NEWS, FEED_HOST);
  console.log(`  ${DEMO_NEWS}: accepted ${bundle.accepted}, rejected ${bundle.rejected.length}`);
  const server: Server = createServer((req, res) => {
    // As Firefox's proxy the server gets absolute-form targets (http://host/path): keep host and path.
    const target = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const page = served.get(`${target.host}${target.pathname}${target.search}`);
    if (!page) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;

  step('Building the Firefox extension (default feed: the local bundle)');
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_DEFAULT_FEEDS: `http://${FEED_HOST}/bundle/manifest.json`, WXT_OUT_DIR: BUILD },
  });
  const extensionDir = join(BUILD, 'firefox-mv3');
  console.log(`  ${extensionDir}`);

  step('Launching headless Firefox ESR and installing the extension');
  const firefox = await launchFirefoxWithExtension({ extensionDir, port });
  try {
    console.log(`  ${(await firefox.version()) || 'Firefox'}`);
    const open = (path: string, viewport = { width: 400, height: 600 }): Promise<Page> => openFirefoxExtensionPage(firefox, path, viewport);
    const ext = await open('popup.html?tabId=0');
    const send = async (message: unknown) => (await ext.evaluate((m) => browser.runtime.sendMessage(m), message as any))?.value;

    step('Syncing');
    let status: any;
    for (let i = 0; i < 240; i++) {
      status = await send({ type: 'status' });
      if (status?.summary.state !== 'syncing' && status?.summary.articleCount > 0) break;
      await sleep(250);
    }
    console.log(`  ${status?.summary.articleCount ?? 0} articles stored; feed errors: ${status?.summary.errors.length ?? '?'}`);

    const seed = articles.find((a) => a.urls.web.includes('sepsis-alert-pilot/')) ?? articles.find((a) => typeof a.quality === 'number') ?? articles[0]!;
    const seedUrl = String(seed.urls.web).replace('https://', 'http://');
    step(`Visiting an article: ${seedUrl}`);
    const page = await firefox.newPage();
    await page.goto(seedUrl);
    const tabs: { id: number; url?: string }[] = await ext.evaluate(() => browser.tabs.query({}));
    const tabId = tabs.find((t) => t.url === seedUrl)?.id ?? -1;
    let badge = '';
    for (let i = 0; i < 60 && !badge; i++) {
      badge = await ext.evaluate((t) => browser.action.getBadgeText({ tabId: t }), tabId);
      if (!badge) await sleep(250);
    }
    console.log(`  badge "${badge}"`);

    step('Opening the popup for that tab');
    const shots: string[] = [];
    const popup = await open(`popup.html?tabId=${tabId}`);
    for (let i = 0; i < 60 && !(await popup.$('[data-testid="match-title"], [data-testid="no-match"]')); i++) await sleep(250);
    await sleep(500); // related reading arrives after the first paint
    shots.push(join(OUT, 'popup.png'));
    await popup.screenshot({ path: shots.at(-1)!, fullPage: true });
    const score = await popup.$eval('[data-testid="quality-score"]', (el) => el.textContent).catch(() => null);
    const related = (await popup.$$('[data-testid="related-list"] a[href]')).length;
    console.log(`  popup: quality ${score ?? '—'}, ${related} related links`);

    step('The sidebar_action panel page at 360 px');
    // The panel follows its window's active tab: opened as a tab it is that tab, so bring the article back.
    const panel = await open(`sidepanel.html`, { width: 360, height: 700 });
    await ext.evaluate((t) => browser.tabs.update(t, { active: true }), tabId);
    for (let i = 0; i < 40 && !(await panel.$('[data-testid="match-title"]')); i++) await sleep(250);
    shots.push(join(OUT, 'sidebar-panel.png'));
    await panel.screenshot({ path: shots.at(-1)!, fullPage: true });

    writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ articles: status?.summary.articleCount, badge, score, related, shots }, null, 2));
    console.log('\nScreenshots:');
    for (const shot of shots) console.log(`  ${shot}`);
    console.log(`\nHealth AI Lens works in Firefox: badge "${badge}", popup quality ${score ?? '—'} with ${related} related links.`);
    if (!badge || !score) process.exitCode = 1;
  } finally {
    await firefox.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
