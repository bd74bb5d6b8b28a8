/**
 * `Panel`: the whole Health AI Lens view for one tab (loading, matched, suggestions, no match, empty database).
 * Presentational: props in, callbacks out, no browser APIs; mounted by the popup, the in-page sidebar and the side panel.
 */
import type { ComponentChildren } from 'preact';
import type { PanelModel, SyncSummary } from '../lib/model/panel';
import type { Suggestion } from '../lib/model/suggestion';
import { ArticleCard } from './article-card';
import { EmptyState } from './empty-state';
import { OutletRecord } from './outlet-record';
import { RelatedList } from './related-list';
import { SearchBox } from './search-box';
import { SyncStatusLine, articleCountText } from './sync-status-line';
import { WelcomeCard } from './welcome-card';

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
  /** The first-run welcome card is due: shown under the header until dismissed. */
  welcome?: { onDismiss: () => void };
}

/** The first-run / empty-database state, still marked `no-match` because the tab matches nothing. */
function EmptyDatabase({ sync, onRetry }: { sync: SyncSummary; onRetry: () => void }) {
  if (sync.state === 'syncing') {
    return (
      <EmptyState testId="no-match" title="Downloading articles…">
        <p>The first sync is running. Scores and related reading appear as soon as articles arrive.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      testId="no-match"
      title="No articles yet"
      action={sync.offline ? undefined : { label: 'Sync now', onClick: onRetry }}
    >
      <p>
        {sync.offline
          ? 'You are offline. Articles download when you are back online.'
          : 'Health AI Lens has not downloaded any articles yet, so it cannot recognise this page.'}
      </p>
    </EmptyState>
  );
}

/** The body for a loaded model. */
function PanelBody({ model, onRetry, onSearch, onOpen, visitedUrls }: PanelProps & { model: PanelModel }) {
  switch (model.kind) {
    case 'matched':
      return (
        <>
          <ArticleCard article={model.article} percentile={model.percentile} />
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <RelatedList
            heading="Related reading"
            items={model.related}
            emptyText={model.relatedPending ? 'Finding related reading…' : 'No related articles in the synced data yet.'}
            visitedUrls={visitedUrls}
            onOpen={onOpen}
          />
          {model.relatedPending && model.related.length > 0 && (
            <p class="hal-muted" role="status">
              Finding more related reading…
            </p>
          )}
        </>
      );
    case 'suggestions':
      return (
        <>
          <div class="hal-intro" data-testid="no-match">
            <h2 class="hal-intro-title">Not in the dataset</h2>
            <p class="hal-muted">
              This page has no score. Articles on a similar subject: <q class="hal-query">
                <bdi>{model.query.title}</bdi>
              </q>
            </p>
          </div>
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <RelatedList heading="Suggested reading" items={model.related} visitedUrls={visitedUrls} onOpen={onOpen} />
          <SearchBox onSearch={onSearch} onOpen={onOpen} visitedUrls={visitedUrls} />
        </>
      );
    case 'no-match':
      if (model.sync.articleCount === 0) return <EmptyDatabase sync={model.sync} onRetry={onRetry} />;
      return (
        <>
          <EmptyState testId="no-match" title="This page is not in the dataset">
            <p>
              Health AI Lens scores only articles from its synced feeds ({articleCountText(model.sync.articleCount)}{' '}
              on this device). Search them or try a top pick.
            </p>
          </EmptyState>
          {model.outletRecord ? <OutletRecord record={model.outletRecord} /> : null}
          <SearchBox onSearch={onSearch} onOpen={onOpen} visitedUrls={visitedUrls} />
          <RelatedList
            heading="Top picks"
            testId="top-picks"
            items={model.topPicks}
            emptyText={model.topPicksPending ? 'Loading top picks…' : 'No recent articles for your topics.'}
            visitedUrls={visitedUrls}
            onOpen={onOpen}
          />
        </>
      );
  }
}

/** Top-level panel: header slot, sync line, then the state's body. Fills its container's width. */
export function Panel(props: PanelProps) {
  const { model, headerSlot, onRetry, now, welcome } = props;
  return (
    <div class="hal-root hal-panel" data-kind={model?.kind ?? 'loading'} aria-busy={model ? undefined : 'true'}>
      {headerSlot ? <div class="hal-header">{headerSlot}</div> : null}
      {welcome ? <WelcomeCard sync={model?.sync} onDismiss={welcome.onDismiss} /> : null}
      {model ? (
        <>
          <SyncStatusLine sync={model.sync} onRetry={onRetry} now={now} />
          <PanelBody {...props} model={model} />
        </>
      ) : (
        <div class="hal-loading" data-testid="panel-loading">
          <p role="status">Loading…</p>
          <div class="hal-skeleton" aria-hidden="true">
            <span class="hal-skeleton-line" />
            <span class="hal-skeleton-line hal-skeleton-short" />
          </div>
        </div>
      )}
      <p class="hal-footnote">Scores from the A.I. Every Day (everyday-cc) dataset · matched on your device</p>
    </div>
  );
}
