/**
 * `Panel`: the whole Health AI Lens view for one tab (loading, matched, suggestions, no match, empty database).
 * One order on every surface: the verdict, then the article card, then related reading, and the sync
 * line as a quiet footer; the first-run welcome card, while due, sits right after the state's lead. Presentational: props in, callbacks out, no browser APIs; mounted by the
 * popup, the in-page sidebar and the side panel.
 */
import type { ComponentChildren } from 'preact';
import type { PanelModel, SyncSummary } from '../lib/model/panel';
import type { Suggestion } from '../lib/model/suggestion';
import { t, tn } from '../lib/i18n/messages';
import { ArticleCard } from './article-card';
import { EmptyState } from './empty-state';
import { OutletRecord } from './outlet-record';
import { QualityGauge } from './quality-gauge';
import { RelatedList } from './related-list';
import { SearchBox } from './search-box';
import { SyncStatusLine } from './sync-status-line';
import { WelcomeCard } from './welcome-card';
import { SiteChipsSwitch, type SiteChipsSwitchProps } from './site-chips-switch';

export interface PanelProps {
  /** What to show; `undefined` while the background has not answered yet. */
  model: PanelModel | undefined;
  /** Sync again (Retry after errors, "Sync now" on an empty database). */
  onRetry: () => void;
  /** Search stored titles and excerpts. */
  onSearch: (query: string) => Promise<Suggestion[]>;
  /** A dataset link was activated (it still opens in a new tab). */
  onOpen?: (url: string) => void;
  /** URLs the user has already visited; their entries are marked. */
  visitedUrls?: ReadonlySet<string>;
  /** Rendered above everything, e.g. the sidebar's collapse/close controls or the popup's title. */
  headerSlot?: ComponentChildren;
  /** Epoch ms "now", for deterministic data ages in tests. */
  now?: number;
  /**
   * The first-run welcome card is due: shown until dismissed, right after the state's lead (the verdict or the
   * state's own message), so it never pushes that lead out of the first screenful.
   */
  welcome?: { onDismiss: () => void };
  /** "Score chips on this site" in the footer (popup, side panel); the sidebar has it in its menu instead. */
  siteChips?: SiteChipsSwitchProps;
}

/** The first-run / empty-database state, still marked `no-match` because the tab matches nothing. */
function EmptyDatabase({ sync, onRetry, afterLead }: { sync: SyncSummary; onRetry: () => void; afterLead?: ComponentChildren }) {
  if (sync.state === 'syncing') {
    return (
      <>
        <EmptyState testId="no-match" title={t('panel.firstSyncTitle')}>
          <p>{t('panel.firstSyncText')}</p>
        </EmptyState>
        {afterLead}
      </>
    );
  }
  return (
    <>
      <EmptyState
        testId="no-match"
        title={t('panel.emptyTitle')}
        action={sync.offline ? undefined : { label: t('panel.syncNow'), onClick: onRetry }}
      >
        <p>{sync.offline ? t('panel.emptyOffline') : t('panel.emptyText')}</p>
      </EmptyState>
      {afterLead}
    </>
  );
}

/** The body for a loaded model; `afterLead` goes right after the state's lead (verdict or message). */
function PanelBody({ model, onRetry, onSearch, onOpen, visitedUrls, afterLead }: PanelProps & { model: PanelModel; afterLead?: ComponentChildren }) {
  switch (model.kind) {
    case 'matched':
      return (
        <>
          <QualityGauge quality={model.article.quality} percentile={model.percentile} scale={model.scale} />
          {afterLead}
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <ArticleCard article={model.article} />
          <RelatedList
            heading={t('panel.relatedTitle')}
            items={model.related}
            emptyText={model.relatedPending ? t('panel.relatedPending') : t('panel.relatedEmpty')}
            visitedUrls={visitedUrls}
            onOpen={onOpen}
          />
          {model.relatedPending && model.related.length > 0 && (
            <p class="hal-muted" role="status">
              {t('panel.relatedMore')}
            </p>
          )}
        </>
      );
    case 'suggestions':
      return (
        <>
          <div class="hal-intro" data-testid="no-match">
            <h2 class="hal-intro-title">{t('panel.suggestionsTitle')}</h2>
            <p class="hal-muted">
              {t('panel.suggestionsText')}{' '}
              <q class="hal-query">
                <bdi>{model.query.title}</bdi>
              </q>
            </p>
          </div>
          {afterLead}
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <RelatedList heading={t('panel.suggestedTitle')} items={model.related} visitedUrls={visitedUrls} onOpen={onOpen} />
          <SearchBox onSearch={onSearch} onOpen={onOpen} visitedUrls={visitedUrls} examples={model.searchExamples} />
        </>
      );
    case 'no-match':
      if (model.sync.articleCount === 0) return <EmptyDatabase sync={model.sync} onRetry={onRetry} afterLead={afterLead} />;
      return (
        <>
          <EmptyState testId="no-match" title={t('panel.noMatchTitle')}>
            <p>{t('panel.noMatchText', tn('counts.articles', model.sync.articleCount))}</p>
          </EmptyState>
          {afterLead}
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <SearchBox onSearch={onSearch} onOpen={onOpen} visitedUrls={visitedUrls} examples={model.searchExamples} />
          <RelatedList
            heading={t('panel.topPicksTitle')}
            testId="top-picks"
            items={model.topPicks}
            emptyText={model.topPicksPending ? t('panel.topPicksPending') : t('panel.topPicksEmpty')}
            visitedUrls={visitedUrls}
            onOpen={onOpen}
          />
        </>
      );
  }
}

/** Top-level panel: header slot, the state's body, then the sync line and source note as a footer. */
export function Panel(props: PanelProps) {
  const { model, headerSlot, onRetry, now, welcome, siteChips } = props;
  // No tab to speak of (a panel opened on its own): no switch rather than a disabled one.
  const showChips = siteChips && (siteChips.state.available || siteChips.state.reason === 'notWeb');
  // The card is secondary to what the reader opened the panel for: it follows the lead, never precedes it.
  const welcomeCard = welcome ? <WelcomeCard sync={model?.sync} onDismiss={welcome.onDismiss} /> : null;
  return (
    <div class="hal-root hal-panel" data-kind={model?.kind ?? 'loading'} aria-busy={model ? undefined : 'true'}>
      {headerSlot ? <div class="hal-header">{headerSlot}</div> : null}
      {model ? (
        <PanelBody {...props} model={model} afterLead={welcomeCard} />
      ) : (
        <>
          <div class="hal-loading" data-testid="panel-loading">
            <p role="status">{t('panel.loading')}</p>
            <div class="hal-skeleton" aria-hidden="true">
              <span class="hal-skeleton-line" />
              <span class="hal-skeleton-line hal-skeleton-short" />
            </div>
          </div>
          {welcomeCard}
        </>
      )}
      <footer class="hal-panel-footer">
        {showChips ? <SiteChipsSwitch {...siteChips} /> : null}
        {model ? <SyncStatusLine sync={model.sync} onRetry={onRetry} now={now} /> : null}
        <p class="hal-footnote">{t('panel.footnote')}</p>
      </footer>
    </div>
  );
}
