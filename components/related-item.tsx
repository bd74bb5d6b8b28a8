/**
 * `RelatedItem`: one suggestion: title link, provider line, score chip, reasons, "Also covered by …".
 * Presentational, no browser APIs; imported by RelatedList.
 */
import type { Suggestion } from '../lib/model/suggestion';
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
}

/** One related-reading entry as a list item. */
export function RelatedItem({ suggestion, visited = false, onOpen, hidden = false }: RelatedItemProps) {
  const also = suggestion.alsoCoveredBy?.filter((entry) => safeHref(entry.url) !== undefined) ?? [];
  return (
    <li class={`hal-related-item${visited ? ' hal-visited' : ''}`} hidden={hidden}>
      <Thumbnail src={suggestion.image} width={64} height={48} provider={suggestion.provider} />
      <div class="hal-related-body">
        <ExternalLink
          class="hal-related-title"
          href={suggestion.url}
          onOpen={onOpen}
          srSuffix={visited ? ' (visited)' : undefined}
        >
          <bdi>{suggestion.title}</bdi>
        </ExternalLink>
        <div class="hal-related-meta">
          <ProviderLine provider={suggestion.provider} publishedAt={suggestion.publishedAt} />
          <QualityChip quality={suggestion.quality} />
          {visited ? (
            <span class="hal-visited-mark" aria-hidden="true">
              Visited
            </span>
          ) : null}
        </div>
        {suggestion.reasons.length ? (
          <p class="hal-reasons">
            {suggestion.reasons.map((reason, index) => (
              <span key={index}>
                {index > 0 ? ' · ' : null}
                <bdi>{reason}</bdi>
              </span>
            ))}
          </p>
        ) : null}
        {also.length ? (
          <p class="hal-also">
            Also covered by{' '}
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
