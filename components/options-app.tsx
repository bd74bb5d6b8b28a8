/**
 * `OptionsApp`: the options page: loads settings, sync status and data summary, saves every change at once, polls while syncing.
 * No browser APIs: entrypoints/options/main.tsx passes messaging, storage, permission and download functions in.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DataSummary, MessageResponses, StatusReport } from '../lib/app/messages';
import {
  defaultSettings,
  repairSettingsWithReport,
  importedSettings,
  MAX_IMPORT_BYTES,
  withFeedAdded,
  withFeedEnabled,
  withFeedRemoved,
  withTopic,
  type Settings,
} from '../lib/app/settings';
import { feedKindOf } from '../lib/model/feed-state';
import { exportFile, type ArticleCursor } from '../lib/app/export';
import { TOPICS, type Topic } from '../lib/model/topics';
import type { TopicCatalogResult } from '../lib/app/topic-catalog';
import { OptionsTopics } from './options-topics';
import { feedProblem } from '../lib/app/feed-problem';
import { t, tn } from '../lib/i18n/messages';
import { OptionsDisplay } from './options-display';
import { OptionsQuality } from './options-quality';
import { OptionsFeeds, feedAddress, type AddFeedResult } from './options-feeds';
import { feedProblemSentence } from './options-feed-problem';
import { problemMessage } from './problem-text';
import { OptionsSync } from './options-sync';
import { OptionsData, type DataActionResult } from './options-data';

/** While a sync runs the page re-reads status this often: progress, then the count. */
export const STATUS_POLL_MS = 1000;

export interface OptionsDeps {
  loadSettings: () => Promise<Settings>;
  saveSettings: (settings: Settings) => Promise<void>;
  /** Subscribes to stored settings changes; returns the unsubscribe function. */
  watchSettings: (listener: (settings: Settings) => void) => () => void;
  status: () => Promise<StatusReport>;
  syncNow: () => Promise<StatusReport>;
  dataSummary: () => Promise<DataSummary>;
  testFeed: (url: string) => Promise<MessageResponses['testFeed']>;
  /**
   * Resolves true when the extension may fetch `url`'s origin, asking the user when it may not yet. Called first
   * thing in the Add feed handler, inside the user gesture the browser requires for the request.
   */
  ensureHostPermission: (url: string) => Promise<boolean>;
  /** One page of the export: settings and the articles after `after` (the previous page's `next`). */
  exportData: (after?: ArticleCursor) => Promise<MessageResponses['exportData']>;
  /** Offers `file` as a download named `filename`. */
  download: (filename: string, file: Blob) => void;
  clearData: () => Promise<unknown>;
  /** Reads the hosted dataset's topic catalog (beside the default bundle feed); absent: the built-in topics. */
  topicCatalog?: () => Promise<TopicCatalogResult>;
  /** Fallback for import (this build's default feeds). */
  defaults?: () => Settings;
  now?: () => number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The whole options page. */
export function OptionsApp({ deps }: { deps: OptionsDeps }) {
  const now = deps.now ?? Date.now;
  const [settings, setSettings] = useState<Settings | undefined>();
  const [report, setReport] = useState<StatusReport | undefined>();
  const [data, setData] = useState<DataSummary | undefined>();
  const [busy, setBusy] = useState(false);
  const [syncError, setSyncError] = useState<string | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const wasSyncing = useRef(false);
  const [catalog, setCatalog] = useState<{ topics: readonly Topic[]; generatedAt?: string }>({ topics: TOPICS });

  useEffect(() => {
    // A missing or broken catalog keeps the built-in topics: the page never waits on it.
    deps.topicCatalog?.().then(
      (result) => {
        if (result.status === 'ok') setCatalog({ topics: result.topics, generatedAt: result.generatedAt });
      },
      () => {},
    );
  }, [deps]);

  const refreshStatus = useCallback(
    () => deps.status().then(setReport, (error: unknown) => setLoadError(message(error))),
    [deps],
  );
  const refreshData = useCallback(() => deps.dataSummary().then(setData, () => setData(undefined)), [deps]);
  const load = useCallback(() => {
    setLoadError(undefined);
    deps.loadSettings().then(setSettings, (error: unknown) => setLoadError(message(error)));
    void refreshStatus();
    void refreshData();
  }, [deps, refreshStatus, refreshData]);

  useEffect(load, [load]);
  useEffect(
    () =>
      deps.watchSettings((next) => {
        setSettings(next);
        // A feed change starts a sync in the background; show it.
        void refreshStatus();
      }),
    [deps, refreshStatus],
  );

  const syncing = busy || report?.summary.state === 'syncing';
  useEffect(() => {
    if (wasSyncing.current && !syncing) void refreshData();
    wasSyncing.current = syncing;
    if (!syncing) return;
    const timer = setTimeout(() => void refreshStatus(), STATUS_POLL_MS);
    return () => clearTimeout(timer);
  }, [syncing, report, refreshStatus, refreshData]);

  /** Applies `edit` to the latest stored settings (not a stale render) and saves. */
  const update = useCallback(
    async (edit: (current: Settings) => Settings) => {
      setSaveError(undefined);
      try {
        const next = edit(await deps.loadSettings());
        setSettings(next);
        await deps.saveSettings(next);
      } catch (error) {
        setSaveError(message(error));
      }
    },
    [deps],
  );

  const syncNow = () => {
    setBusy(true);
    setSyncError(undefined);
    void refreshStatus();
    deps
      .syncNow()
      .then(setReport, (error: unknown) => setSyncError(message(error)))
      .finally(() => setBusy(false));
  };

  const addFeed = async (url: string): Promise<AddFeedResult> => {
    const kind = feedKindOf(url);
    if (!url) return { ok: false, message: t('feeds.errorEmpty') };
    if (!kind.ok) return { ok: false, message: kind.problem.code === 'not-a-url' ? t('feeds.errorInvalid', url) : t('feeds.errorNotFeed', url, problemMessage(kind.problem)) };
    if (settings?.feeds.some((f) => f.url === url && f.enabled)) return { ok: false, message: t('feeds.errorDuplicate', feedAddress(url)) };
    // First await: the permission prompt needs the click's user gesture.
    let granted: boolean;
    try {
      granted = await deps.ensureHostPermission(url);
    } catch (error) {
      return { ok: false, message: t('feeds.errorPermissionFailed', new URL(url).origin, message(error)) };
    }
    if (!granted) return { ok: false, message: t('feeds.errorPermissionDenied', new URL(url).origin) };
    const test = await deps.testFeed(url);
    if (!test.ok) return { ok: false, message: t('feeds.errorTestFetch', feedAddress(url), feedProblemSentence(feedProblem(url, test.problem))) };
    await update((current) => withFeedAdded(current, url));
    return test.kind === 'bundle'
      ? { ok: true, message: t('feeds.addedBundle', feedAddress(url), tn('counts.articles', test.items)) }
      : { ok: true, message: t('feeds.addedApi', feedAddress(url), tn('counts.articles', test.items)) };
  };

  const exportAll = async (): Promise<DataActionResult> => {
    // Page by page: at 100k articles the whole export would be one ~170 MB message.
    const { file, articles } = await exportFile(deps.exportData, new Date(now()));
    const day = new Date(now()).toISOString().slice(0, 10);
    deps.download(`health-ai-lens-${day}.json`, file);
    return { ok: true, message: t('options.data.exported', tn('counts.articles', articles)) };
  };

  const importSettings = async (text: string): Promise<DataActionResult> => {
    if (text.length > MAX_IMPORT_BYTES) return { ok: false, message: t('options.data.tooLarge', MAX_IMPORT_BYTES / 1_000_000) };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, message: t('options.data.notJson') };
    }
    // An export file holds `{settings, articles}`; a bare settings object is accepted too.
    const candidate = raw && typeof raw === 'object' && 'settings' in raw ? (raw as { settings: unknown }).settings : raw;
    if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) return { ok: false, message: t('options.data.noSettings') };
    const defaults = (deps.defaults ?? defaultSettings)();
    const repaired = repairSettingsWithReport(candidate, defaults);
    await update(() => importedSettings(repaired.settings, defaults, Date.now()));
    return repaired.rejected.length
      ? { ok: true, message: t('options.data.importedRejected', repaired.rejected.join(', ')) }
      : { ok: true, message: t('options.data.imported') };
  };

  const clearAll = async (): Promise<DataActionResult> => {
    await deps.clearData();
    await Promise.all([refreshStatus(), refreshData()]);
    return { ok: true, message: t('options.data.cleared') };
  };

  return (
    <main class="hal-root hal-options">
      <header class="hal-options-header">
        <h1 class="hal-options-title">{t('options.pageTitle')}</h1>
        <p class="hal-muted">{t('options.intro')}</p>
      </header>
      {loadError ? (
        <div class="hal-options-error" role="alert">
          <p>{t('options.loadError', loadError)}</p>
          <button type="button" class="hal-button" onClick={load}>
            {t('options.retry')}
          </button>
        </div>
      ) : null}
      {saveError ? (
        <p class="hal-options-error" role="alert">
          {t('options.saveError', saveError)}
        </p>
      ) : null}

      <section class="hal-options-section" aria-labelledby="hal-sec-topics">
        <h2 class="hal-options-h2" id="hal-sec-topics">
          {t('options.topics.title')}
        </h2>
        {settings ? (
          <OptionsTopics
            selected={settings.topics}
            counts={data?.topics}
            topics={catalog.topics}
            catalogGeneratedAt={catalog.generatedAt}
            onToggle={(topic, on) => void update((s) => withTopic(s, topic, on, catalog.topics))}
          />
        ) : (
          <p class="hal-muted">{t('options.loading')}</p>
        )}
      </section>

      <section class="hal-options-section" aria-labelledby="hal-sec-quality">
        <h2 class="hal-options-h2" id="hal-sec-quality">
          {t('options.quality.title')}
        </h2>
        {settings ? <OptionsQuality settings={settings} onChange={(next) => void update((current) => ({ ...current, minQuality: next.minQuality, hideUnrated: next.hideUnrated }))} /> : null}
      </section>

      <section class="hal-options-section" aria-labelledby="hal-sec-display">
        <h2 class="hal-options-h2" id="hal-sec-display">
          {t('options.sidebar.title')}
        </h2>
        {settings ? <OptionsDisplay settings={settings} now={now()} onChange={(next) => void update(() => next)} /> : null}
      </section>

      {/* Open, not a collapsed disclosure: Sync now, the status and adding a source stay in reach. */}
      <section class="hal-options-section hal-options-advanced" aria-labelledby="hal-sec-advanced">
        <h2 class="hal-options-h2" id="hal-sec-advanced">
          {t('options.advanced.title')}
        </h2>
        <p class="hal-muted">{t('options.advanced.intro')}</p>

        <h3 class="hal-options-h3">{t('options.sync.title')}</h3>
        <OptionsSync
          summary={report?.summary}
          busy={busy}
          onSyncNow={syncNow}
          error={syncError}
          now={now()}
          intervalHours={settings?.syncIntervalHours}
          onInterval={(hours) => void update((s) => ({ ...s, syncIntervalHours: hours }))}
        />

        <h3 class="hal-options-h3">{t('feeds.title')}</h3>
        {settings ? (
          <OptionsFeeds
            settings={settings}
            states={report?.feeds ?? []}
            now={now()}
            topics={catalog.topics}
            onAdd={addFeed}
            onEnable={(url, enabled) => void update((s) => withFeedEnabled(s, url, enabled))}
            onRemove={(url) => void update((s) => withFeedRemoved(s, url))}
          />
        ) : null}

        <h3 class="hal-options-h3">{t('options.data.title')}</h3>
        <OptionsData summary={data} onExport={exportAll} onImport={importSettings} onClear={clearAll} />
      </section>
    </main>
  );
}
