/**
 * The German part of `npm start`: a second, short Chromium session started with `--lang=de` that syncs
 * the same local bundle, visits the demo article and saves its popup as demo-output/popup-de.png. Node
 * only; called by scripts/demo.ts while its server is up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './demo-site';
import { launchChromiumWithExtension } from './chromium';

/**
 * `--lang=de` switches the extension's catalogue; `LANGUAGE=de` is how a German Linux desktop starts
 * Chromium, and switches the browser's own UI too (with Debian's chromium-l10n installed).
 */
const GERMAN = { args: ['--lang=de'], env: { LANGUAGE: 'de' } };

/**
 * Opens the popup of `articleUrl` in a German browser and screenshots it.
 * @param extensionDir the unpacked build the demo made
 * @param port the demo server's port (every host resolves to it)
 * @param outDir demo-output/
 * @returns the screenshot's path, or none when the popup did not come up in German (said on the console)
 */
export async function germanPopupShot(extensionDir: string, port: number, articleUrl: string, outDir: string): Promise<string[]> {
  step('The popup in German: Chromium started with --lang=de');
  const profile = mkdtempSync(join(outDir, '.profile-de-'));
  const { context, extensionId: id } = await launchChromiumWithExtension({ extensionDir, port, profileDir: profile, ...GERMAN });
  try {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/popup.html?tabId=0`);
    for (let i = 0; i < 240; i++) {
      const status = (await ext.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'status' })))?.value;
      if (status?.summary.state !== 'syncing' && status?.summary.articleCount > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const article = await context.newPage();
    await article.goto(articleUrl.replace('https://', 'http://'));
    const tabs: { id: number; url?: string }[] = await ext.evaluate(() => (globalThis as any).chrome.tabs.query({}));
    const tabId = tabs.find((t) => t.url === article.url())?.id;
    if (tabId === undefined) {
      console.log('  no tab for the article: no German popup');
      return [];
    }
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
    await popup.locator('[data-testid="match-title"], [data-testid="no-match"]').first().waitFor({ timeout: 15_000 });
    const lang = await popup.evaluate(() => document.documentElement.lang);
    const browserLanguage = await popup.evaluate(() => (globalThis as any).chrome.i18n.getUILanguage());
    const path = join(outDir, 'popup-de.png');
    await popup.screenshot({ path, fullPage: true });
    console.log(`  popup <html lang="${lang}">, browser UI language ${browserLanguage}`);
    if (lang !== 'de') {
      console.log('  the popup is not German: is the build missing _locales/de?');
      process.exitCode = 1;
    }
    return [path];
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
