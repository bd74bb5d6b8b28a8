/**
 * `PanelApp`: loads a `PanelModel` through injected functions, keeps it fresh while a sync runs,
 * and renders `Panel` — or a clear error with Retry, never a blank panel.
 * No browser APIs: popup, sidebar and side panel pass their messaging functions in.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { PanelModel } from '../lib/model/panel';
import type { Suggestion } from '../lib/model/suggestion';
import { Panel } from './panel';
import { EmptyState } from './empty-state';
import { t } from '../lib/i18n/messages';
import type { SiteChipsState } from '../lib/app/site-chips';

/** While a sync runs the panel re-asks this often, so progress and new data appear. */
const SYNC_POLL_MS = 1000;
/** While the background is still loading its ranking index, the panel re-asks this often. */
const PENDING_POLL_MS = 250;

export interface PanelAppProps {
  load: () => Promise<PanelModel | null>;
  /**
   * The answer of a `load()` the page started before rendering: used for the first load, so the
   * round trip to the background overlaps loading and rendering the page instead of following it.
   */
  firstLoad?: Promise<PanelModel | null>;
  search: (query: string) => Promise<Suggestion[]>;
  syncNow: () => Promise<unknown>;
  /** Subscribes to outside changes (settings); returns the unsubscribe function. */
  subscribe?: (reload: () => void) => () => void;
  headerSlot?: ComponentChildren;
  /** Called with each loaded model (the sidebar hides itself on `null`). */
  onModel?: (model: PanelModel | null) => void;
  /** Links opened from panels before (marked as visited), and where to record a new one. */
  openedLinks?: { load: () => Promise<string[]>; add: (url: string) => void };
  /** Whether the first-run welcome card is due, and how to dismiss it for good. */
  welcome?: { load: () => Promise<boolean>; dismiss: () => void };
  /** The page's "Score chips on this site" switch: its state, and the change (answering the new state). */
  siteChips?: { load: () => Promise<SiteChipsState>; set: (on: boolean) => Promise<SiteChipsState> };
}

export function PanelApp({ load, firstLoad, search, syncNow, subscribe, headerSlot, onModel, openedLinks, welcome, siteChips }: PanelAppProps) {
  const early = useRef(firstLoad);
  const [model, setModel] = useState<PanelModel | null | undefined>(undefined);
  const [error, setError] = useState<string | undefined>();
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [welcomeDue, setWelcomeDue] = useState(false);
  useEffect(() => {
    welcome?.load().then(setWelcomeDue, () => {});
  }, [welcome]);
  const dismissWelcome = useCallback(() => {
    setWelcomeDue(false);
    welcome?.dismiss();
  }, [welcome]);

  useEffect(() => {
    openedLinks?.load().then((urls) => setVisited(new Set(urls)), () => {});
  }, [openedLinks]);
  const onOpen = useCallback(
    (url: string) => {
      openedLinks?.add(url);
      setVisited((current) => new Set(current).add(url));
    },
    [openedLinks],
  );

  const [chips, setChips] = useState<SiteChipsState | undefined>();
  const [chipsError, setChipsError] = useState<string | undefined>();
  const reloadChips = useCallback(() => {
    siteChips?.load().then(setChips, () => setChips(undefined)); // no answer: no switch, the panel itself still shows
  }, [siteChips]);
  useEffect(() => reloadChips(), [reloadChips]);
  useEffect(() => subscribe?.(reloadChips), [subscribe, reloadChips]);
  const changeChips = useCallback(
    (on: boolean) => {
      if (!siteChips) return;
      setChipsError(undefined);
      siteChips.set(on).then(setChips, () => {
        setChipsError(t('siteChips.failed'));
        reloadChips();
      });
    },
    [siteChips, reloadChips],
  );

  const reload = useCallback(() => {
    const started = early.current;
    early.current = undefined;
    (started ?? load()).then(
      (next) => {
        setModel(next);
        setError(undefined);
        onModel?.(next);
      },
      (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)),
    );
  }, [load, onModel]);

  useEffect(() => reload(), [reload]);
  useEffect(() => subscribe?.(reload), [subscribe, reload]);
  useEffect(() => {
    const pending = (model?.kind === 'matched' && model.relatedPending) || (model?.kind === 'no-match' && model.topPicksPending);
    if (model?.sync.state !== 'syncing' && !pending) return;
    const timer = setTimeout(reload, pending ? PENDING_POLL_MS : SYNC_POLL_MS);
    return () => clearTimeout(timer);
  }, [model, reload]);

  const retry = useCallback(() => {
    const pending = syncNow().then(reload, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
    setTimeout(reload, 200); // show "syncing" while it runs
    return pending;
  }, [syncNow, reload]);

  if (error && !model) {
    return (
      <div class="hal-root">
        {headerSlot}
        <EmptyState title={t('panel.loadErrorTitle')} action={{ label: t('panel.retry'), onClick: reload }}>
          <p>{error}</p>
        </EmptyState>
      </div>
    );
  }
  if (model === null) return null;
  return (
    <Panel
      model={model}
      onRetry={() => void retry()}
      onSearch={search}
      headerSlot={headerSlot}
      welcome={welcomeDue ? { onDismiss: dismissWelcome } : undefined}
      visitedUrls={visited}
      onOpen={onOpen}
      siteChips={chips ? { state: chips, onChange: changeChips, error: chipsError } : undefined}
    />
  );
}
