/**
 * Content script on http(s) pages: reports the page's signals to the background (canonical-link
 * matching, suggestions). Top frame only. The in-page sidebar UI builds on this.
 */
import { readPageSignals } from '@/lib/page-signals';
import { sendMessage } from '@/lib/browser/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  async main() {
    await sendMessage({ type: 'pageSignals', signals: readPageSignals(document, location.href) }).catch(() => {});
  },
});
