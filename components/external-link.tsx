/**
 * `ExternalLink`: a new-tab link that only ever carries an http(s) href; anything else renders as text.
 * Presentational, no browser APIs; imported by the other components for every dataset URL.
 */
import { isHttpUrl } from '../lib/match/http-url';
import type { ComponentChildren } from 'preact';

/**
 * The href to render for a dataset URL, or `undefined` when it is not an absolute http(s) URL.
 * Schemas already reject such URLs; this is the last guard before the DOM (e.g. `javascript:`).
 * @param url any value that claims to be a URL.
 * @returns the URL string unchanged (so hrefs equal the dataset's URLs) or `undefined`.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 4096) return undefined;
  return isHttpUrl(url) ? url : undefined;
}

export interface ExternalLinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  /** Called after the user activates the link (the browser still opens it). */
  onOpen?: (url: string) => void;
  /** Extra accessible text appended to the link's name, e.g. ", visited". */
  srSuffix?: string;
}

/** A link opening in a new tab without opener or referrer; a plain `<span>` when the href is unsafe. */
export function ExternalLink({ href, children, class: className, onOpen, srSuffix }: ExternalLinkProps) {
  const safe = safeHref(href);
  if (safe === undefined) return <span class={className}>{children}</span>;
  return (
    <a
      class={className}
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      referrerpolicy="no-referrer"
      onClick={onOpen ? () => onOpen(safe) : undefined}
    >
      {children}
      {srSuffix ? <span class="hal-sr-only">{srSuffix}</span> : null}
    </a>
  );
}
