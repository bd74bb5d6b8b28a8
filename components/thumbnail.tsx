/**
 * `Thumbnail`: a fixed-size image box: lazy, no referrer, no cookies (`crossorigin="anonymous"`: the image
 * host cannot tie the request to the user's session there), and it keeps its size when the image fails (no layout shift).
 * Presentational, no browser APIs; imported by ArticleCard and RelatedItem. Decorative: the title carries the meaning.
 */
import { useState } from 'preact/hooks';
import { safeHref } from './external-link';

export interface ThumbnailProps {
  src: string | undefined;
  width: number;
  height: number;
  class?: string;
}

/** The image box, or nothing when `src` is not an http(s) URL. */
export function Thumbnail({ src, width, height, class: className = 'hal-thumb' }: ThumbnailProps) {
  const [failed, setFailed] = useState(false);
  const safe = safeHref(src);
  if (!safe) return null;
  return (
    <span class={className} aria-hidden="true" style={{ width: `${width}px`, height: `${height}px` }}>
      {failed ? null : (
        <img
          src={safe}
          alt=""
          width={width}
          height={height}
          loading="lazy"
          decoding="async"
          referrerpolicy="no-referrer"
          crossorigin="anonymous"
          onError={() => setFailed(true)}
        />
      )}
    </span>
  );
}
