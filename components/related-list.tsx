/**
 * `RelatedList`: a headed list of suggestions; extras beyond `initialCount` stay in the DOM behind "Show more".
 * Presentational, no browser APIs; imported by Panel and SearchBox. Carries the public `related-list` test hook.
 */
import { useState } from 'preact/hooks';
import { t, tn } from '../lib/i18n/messages';
import type { Reason, Suggestion } from '../lib/model/suggestion';
import { RelatedItem } from './related-item';

/** Entries shown before "Show more" (popup height is limited; the rest stay in the DOM). */
export const RELATED_INITIAL_COUNT = 5;

export interface RelatedListProps {
  items: Suggestion[];
  /** Visible heading, e.g. "Related reading"; omitted → no heading (the caller labels the list). */
  heading?: string;
  /** Accessible name when there is no visible heading. */
  label?: string;
  /** `data-testid` of the wrapper; `related-list` by default (the public test hook). */
  testId?: string;
  /** Text shown when `items` is empty. */
  emptyText?: string;
  visitedUrls?: ReadonlySet<string>;
  onOpen?: (url: string) => void;
  initialCount?: number;
}

/** A reason's identity for comparing items (same kind and same words). */
function reasonKey(reason: Reason): string {
  return JSON.stringify(reason);
}

/**
 * Reasons every item of a list gives (e.g. the page's own topic): saying them on each item tells the reader nothing,
 * so items leave them out. A single item keeps its reasons.
 */
export function reasonsSharedByAll(items: readonly Suggestion[]): ReadonlySet<string> {
  if (items.length < 2) return new Set();
  let shared = new Set(items[0]!.reasons.map(reasonKey));
  for (const item of items.slice(1)) {
    const own = new Set(item.reasons.map(reasonKey));
    shared = new Set([...shared].filter((key) => own.has(key)));
    if (shared.size === 0) break;
  }
  return shared;
}

/** The related/suggestion list with "Show N more" and visited marks. */
export function RelatedList({
  items,
  heading,
  label,
  testId = 'related-list',
  emptyText,
  visitedUrls,
  onOpen,
  initialCount = RELATED_INITIAL_COUNT,
}: RelatedListProps) {
  const [expanded, setExpanded] = useState(false);
  // Links opened from this panel count as visited at once, before any history round-trip.
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const open = (url: string) => {
    setOpened((previous) => new Set(previous).add(url));
    onOpen?.(url);
  };
  const extra = Math.max(0, items.length - initialCount);
  const shared = reasonsSharedByAll(items);
  const omitReason = shared.size ? (reason: Reason) => shared.has(reasonKey(reason)) : undefined;

  return (
    <section class="hal-related" data-testid={testId} aria-label={heading ? undefined : (label ?? t('related.label'))}>
      {heading ? <h3 class="hal-section-title">{heading}</h3> : null}
      {items.length === 0 ? (
        <p class="hal-muted">{emptyText ?? t('related.empty')}</p>
      ) : (
        <ol class="hal-related-items">
          {items.map((suggestion, index) => (
            <RelatedItem
              key={`${index}:${suggestion.url}`}
              suggestion={suggestion}
              visited={visitedUrls?.has(suggestion.url) === true || opened.has(suggestion.url)}
              onOpen={open}
              hidden={!expanded && index >= initialCount}
              omitReason={omitReason}
            />
          ))}
        </ol>
      )}
      {extra > 0 ? (
        <button
          type="button"
          class="hal-link-button hal-show-more"
          aria-expanded={expanded ? 'true' : 'false'}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('related.showFewer') : tn('related.showMore', extra)}
        </button>
      ) : null}
    </section>
  );
}
