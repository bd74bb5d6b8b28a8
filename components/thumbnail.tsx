/**
 * `Thumbnail`: a fixed-size image box: lazy, no referrer, no cookies (`crossorigin="anonymous"`: the image
 * host cannot tie the request to the user's session there). An image that fails to load becomes the
 * provider's letter tile (the avatar of the provider line), or nothing without a provider: never an
 * empty grey box. Presentational, no browser APIs; imported by ArticleCard and RelatedItem.
 * Decorative: the title carries the meaning.
 */
import { useState } from 'preact/hooks';
import type { Provider } from '../lib/model/article';
import { safeHref } from './external-link';
import { avatarHue, avatarLetter } from './provider-line';

export interface ThumbnailProps {
  src: string | undefined;
  width: number;
  height: number;
  class?: string;
  /** Whose letter tile stands in for an image that fails to load. */
  provider?: Provider;
}

/** The image box, or nothing when `src` is not an http(s) URL; the letter tile when the image fails. */
export function Thumbnail({ src, width, height, class: className = 'hal-thumb', provider }: ThumbnailProps) {
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const safe = safeHref(src);
  if (!safe) return null;
  const size = { width: `${width}px`, height: `${height}px` };
  if (failed === safe) {
    if (!provider) return null;
    return (
      <span
        class={`${className} hal-thumb-letter`}
        aria-hidden="true"
        data-testid="thumbnail-letter"
        style={{ ...size, '--hal-avatar-hue': String(avatarHue(provider.domain || provider.name)) }}
      >
        {avatarLetter(provider)}
      </span>
    );
  }
  return (
    <span class={className} aria-hidden="true" style={size}>
      <img
        src={safe}
        alt=""
        width={width}
        height={height}
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        crossorigin="anonymous"
        onError={() => setFailed(safe)}
      />
    </span>
  );
}
