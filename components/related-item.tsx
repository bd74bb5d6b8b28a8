/**
 * `RelatedItem`: one suggestion: title link, provider line, score chip, reasons, "Also covered by …".
 * Presentational, no browser APIs; imported by RelatedList.
 */
import { formatNumber, t } from '../lib/i18n/messages';
import type { Reason, Suggestion } from '../lib/model/suggestion';
import { ExternalLink, safeHref } from './external-link';
import { ProviderLine, providerName } from './provider-line';
import { QualityChip } from './quality-chip';
import { Thumbnail } from './thumbnail';

export interface RelatedItemProps {
  suggestion: Suggestion;
  /** The user has opened this URL before (marked visually and for screen readers). */
  visited?: boolean;
  onOpen?: (url: string) => void;
  /** Hidden behind "Show more" (still in the DOM, so every link stays queryable). */
  hidden?: boolean;
  /** Reasons not to repeat on this item (the list shows them once, or every item shares them). */
  omitReason?: (reason: Reason) => boolean;
}

/** One reason in the reader's language; topic names and terms are dataset text, shown as published. */
export function reasonText(reason: Reason): string {
  const [before, value, after] = reasonParts(reason);
  return `${before}${value ?? ''}${after}`;
}

/** A reason as message text around its dataset value (a topic, the terms), so the value can be isolated on its own. */
function reasonParts(reason: Reason): [string, string | undefined, string] {
  const around = (message: (slot: string) => string, value: string): [string, string, string] => {
    const slot = '\u0000';
    const text = message(slot);
    const at = text.indexOf(slot);
    return at < 0 ? [text, value, ''] : [text.slice(0, at), value, text.slice(at + slot.length)];
  };
  switch (reason.kind) {
    case 'same-story':
      return [t('related.reasonSameStory'), undefined, ''];
    case 'shared-topic':
      return around((slot) => t('related.reasonSharedTopic', slot), reason.topic);
    case 'key-terms':
      return around((slot) => t('related.reasonKeyTerms', slot), reason.terms.join(', '));
    case 'listed':
      return [t('related.reasonListed'), undefined, ''];
    case 'quality':
      return [t('related.reasonQuality', formatNumber(reason.value)), undefined, ''];
    case 'recent':
      return [t('related.reasonRecent'), undefined, ''];
  }
}

/** One reason: the message, with its dataset value in its own isolate. */
function ReasonText({ reason }: { reason: Reason }) {
  const [before, value, after] = reasonParts(reason);
  return (
    <>
      {before}
      {value !== undefined ? <bdi>{value}</bdi> : null}
      {after}
    </>
  );
}

/** One related-reading entry as a list item. */
export function RelatedItem({ suggestion, visited = false, onOpen, hidden = false, omitReason }: RelatedItemProps) {
  const reasons = omitReason ? suggestion.reasons.filter((reason) => !omitReason(reason)) : suggestion.reasons;
  const also = suggestion.alsoCoveredBy?.filter((entry) => safeHref(entry.url) !== undefined) ?? [];
  return (
    <li class={`hal-related-item${visited ? ' hal-visited' : ''}`} hidden={hidden}>
      <Thumbnail src={suggestion.image} width={64} height={48} provider={suggestion.provider} />
      <div class="hal-related-body">
        <ExternalLink
          class="hal-related-title"
          href={suggestion.url}
          onOpen={onOpen}
          srSuffix={visited ? ` ${t('related.visitedSuffix')}` : undefined}
        >
          <bdi>{suggestion.title}</bdi>
        </ExternalLink>
        <div class="hal-related-meta">
          <ProviderLine provider={suggestion.provider} publishedAt={suggestion.publishedAt} />
          <QualityChip quality={suggestion.quality} />
          {visited ? (
            <span class="hal-visited-mark" aria-hidden="true">
              {t('related.visited')}
            </span>
          ) : null}
        </div>
        {reasons.length ? (
          <p class="hal-reasons">
            {reasons.map((reason, index) => (
              <span key={index}>
                {index > 0 ? ' · ' : null}
                <ReasonText reason={reason} />
              </span>
            ))}
          </p>
        ) : null}
        {also.length ? (
          <p class="hal-also">
            {t('related.alsoCoveredBy')}{' '}
            {also.map((entry, index) => (
              <span key={entry.url}>
                {index > 0 ? ', ' : null}
                <ExternalLink href={entry.url} onOpen={onOpen}>
                  <bdi>{providerName(entry.provider) === 'Unknown source' ? entry.title : providerName(entry.provider)}</bdi>
                </ExternalLink>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}
