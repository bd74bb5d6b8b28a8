import { describe, it } from 'vitest';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles } from './support/server';
import type { LensBrowser } from './support/extension';
describe('debug', () => {
  let lens: LensBrowser;
  useSyncedLens((ready) => { lens = ready; });
  it('debug', async () => {
    const seed = sampleArticles().find((a) => a.file === '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md')!;
    const page = await lens.context.newPage();
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.goto(seed.webUrl.replace('https:', 'http:'));
    await new Promise((r) => setTimeout(r, 4000));
    console.log('HOSTS', await page.locator('health-ai-lens').count());
    console.log('FRAMES', page.frames().map((f) => f.url()));
    const f = page.frames()[1];
    if (f) {
      console.log('FRAMEHTML', await f.evaluate(() => document.body.innerHTML + ' | ' + location.href + ' | ' + location.origin));
      console.log('DBG', JSON.stringify(await f.evaluate(() => (window as any).__dbg)));
      console.log('PS', JSON.stringify(await f.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'pageSignals', signals: { url: 'http://x.example/', isArticle: true, title: 'The next generation of data-driven healthcare is here' } }))).slice(0, 300));
      const cs = await page.evaluate(() => new URL('chrome-extension://abc/x.html').origin);
      console.log('ORIGIN', cs, lens.extensionId);
    }
    const sw = await lens.serviceWorker();
    console.log('SWLOG', await sw.evaluate(() => 'ok'));
  }, 120000);
});
