// The bench's control (bench/run.ts): the same event and badge call as lib/browser/tab-badges.ts, with a constant
// answer instead of a lookup, so "ours ÷ control" is what our lookup and queueing add to the browser's own cost.
// Pages under /plain get no badge, as they get none from the lens.
chrome.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (!changeInfo.url && changeInfo.status !== 'loading') return;
  const url = changeInfo.url ?? tab.url ?? '';
  void chrome.action.setBadgeText({ tabId, text: /\/plain/.test(url) ? '' : '42' }).catch(() => {});
});
