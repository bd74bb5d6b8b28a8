/**
 * `PublishedDate`: a publication date as people read it in the UI language ("12 Mar 2023",
 * "12. März 2023") inside a `<time>` element. Presentational, no browser APIs; imported by ProviderLine.
 */
import { formatDate as formatInLanguage } from '../lib/i18n/messages';

/**
 * A publication date for display, or `undefined` when the string is not a date.
 * Formatted in UTC because the dataset's dates are UTC and a day shift would look like a data error.
 */
export function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return formatInLanguage(time, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export interface PublishedDateProps {
  /** ISO 8601 date of publication. */
  iso: string | undefined;
  class?: string;
}

/** A `<time>` with a readable publication date; renders nothing for a missing or invalid date. */
export function PublishedDate({ iso, class: className }: PublishedDateProps) {
  const text = formatDate(iso);
  if (!text || !iso) return null;
  return (
    <time class={className} dateTime={iso}>
      {text}
    </time>
  );
}
