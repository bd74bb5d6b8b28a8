/**
 * Options page: mounts `OptionsApp` with messaging, settings storage, host-permission and download functions.
 * Thin wiring only; all behaviour lives in components/options-app.tsx.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { localizeDocument } from '@/lib/i18n/messages';
import { OptionsApp, type OptionsDeps } from '@/components/options-app';
import { sendMessage } from '@/lib/browser/messaging';
import { loadSettings, saveSettings, watchSettings } from '@/lib/browser/settings-storage';
import { buildTimeDefaultFeeds } from '@/lib/app/settings';
import { loadTopicCatalog } from '@/lib/app/topic-catalog';
import '@/components/lens.css';
import './options.css';

// The catalogue's language and title before anything renders.
localizeDocument(document, 'pages.optionsTitle');

/** Asks for the feed's origin only (narrowest permission), and only when not already granted. */
async function ensureHostPermission(url: string): Promise<boolean> {
  const origins = [`${new URL(url).origin}/*`];
  if (await browser.permissions.contains({ origins })) return true;
  return browser.permissions.request({ origins });
}

function download(filename: string, file: Blob): void {
  const href = URL.createObjectURL(file);
  const link = Object.assign(document.createElement('a'), { href, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has its data.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

const deps: OptionsDeps = {
  loadSettings,
  saveSettings,
  watchSettings,
  status: () => sendMessage({ type: 'status' }),
  syncNow: () => sendMessage({ type: 'syncNow' }),
  dataSummary: () => sendMessage({ type: 'dataSummary' }),
  testFeed: (url) => sendMessage({ type: 'testFeed', url }),
  ensureHostPermission,
  exportData: (after) => sendMessage(after ? { type: 'exportData', after } : { type: 'exportData' }),
  download,
  clearData: () => sendMessage({ type: 'clearData' }),
  // Only the default bundle's own host is asked (its host permission comes with the build).
  topicCatalog: () => loadTopicCatalog((input, init) => fetch(input, init), buildTimeDefaultFeeds()),
};

render(<OptionsApp deps={deps} />, document.getElementById('app')!);
